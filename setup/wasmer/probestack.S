# __rust_probestack for x86-64, written for wasmlab.
# Why: wasmer-vm 4.4 references this symbol, which Rust's compiler-builtins stopped exporting
# (Rust >= 1.80 uses inline stack probes). Contract (as the callers expect): the frame size is in
# %rax; touch every 4 KiB page from %rsp down to %rsp - %rax so the guard page is hit in order;
# clobber nothing but %r11 and the flags; return with %rsp unchanged.
        .text
        .globl  __rust_probestack
        .hidden __rust_probestack
        .type   __rust_probestack,@function
__rust_probestack:
        pushq   %rbp
        movq    %rsp, %rbp
        movq    %rax, %r11
1:      cmpq    $0x1000, %r11
        jbe     2f
        subq    $0x1000, %rsp
        orq     $0, (%rsp)          # touch this page
        subq    $0x1000, %r11
        jmp     1b
2:      subq    %r11, %rsp
        orq     $0, (%rsp)          # touch the last, partial page
        movq    %rbp, %rsp
        popq    %rbp
        ret
        .size   __rust_probestack, .-__rust_probestack
        .section .note.GNU-stack,"",@progbits
