/* The empty program: main returns at once, so _start does nothing but the C runtime's own
 * start-up and exit. Its wall time and peak memory on a runtime are that runtime's floor: load,
 * validate, compile and instantiate a minimal module, and the runtime's own memory
 * (src/analysis/anatomy.ts subtracts them from other programs'). No kernel timer: nothing to time. */
int main(void) { return 0; }
