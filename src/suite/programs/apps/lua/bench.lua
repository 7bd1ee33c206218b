-- wasmlab Lua workload: numeric, string, table and closure/coroutine work, scaled by arg[1].
-- Every result goes into the printed checksums so runtimes can be compared with native.
-- Errors cannot be caught in this build (no longjmp on WASI): the script must never raise.
local n = math.tointeger(tonumber(arg[1])) or 1

-- Deterministic generator of our own (LCG, 31-bit) so results do not depend on math.random.
local seed = 12345
local function rnd(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end

-- FNV-1a over the bytes of a string, kept in 32 bits.
local function fnv(h, s)
  for i = 1, #s do
    h = ((h ~ s:byte(i)) * 16777619) & 0xffffffff
  end
  return h
end

-- Numeric: Mandelbrot set membership on a grid, then spectral norm (floating point).
local function mandel(size)
  local inside = 0
  for y = 0, size - 1 do
    local ci = 2.0 * y / size - 1.0
    for x = 0, size - 1 do
      local cr = 2.5 * x / size - 2.0
      local zr, zi, i = 0.0, 0.0, 0
      while i < 64 and zr * zr + zi * zi < 4.0 do
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        i = i + 1
      end
      if i == 64 then inside = inside + 1 end
    end
  end
  return inside
end

local function spectral(m)
  local function a(i, j) return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1) end
  local function av(x, y, t)
    for i = 0, m - 1 do
      local s = 0.0
      for j = 0, m - 1 do s = s + (t and a(j, i) or a(i, j)) * x[j + 1] end
      y[i + 1] = s
    end
  end
  local u, v, w = {}, {}, {}
  for i = 1, m do u[i] = 1.0 end
  for _ = 1, 10 do
    av(u, w, false); av(w, v, true)
    av(v, w, false); av(w, u, true)
  end
  local vbv, vv = 0.0, 0.0
  for i = 1, m do vbv = vbv + u[i] * v[i]; vv = vv + v[i] * v[i] end
  return math.sqrt(vbv / vv)
end

-- Strings: formatting, concatenation, pattern matching, gsub, reversal.
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                "iota", "kappa", "lambda", "mu", "omicron", "sigma", "omega" }
local function strings(lines)
  local parts = {}
  for i = 1, lines do
    parts[#parts + 1] = string.format("%05d %s-%s %d.%02d;", i, words[rnd(#words) + 1],
                                      words[rnd(#words) + 1], rnd(1000), rnd(100))
  end
  local text = table.concat(parts, "\n")
  local h = fnv(2166136261, text)
  local numbers, sum = 0, 0
  for a, b in text:gmatch("(%d+)%.(%d+);") do
    numbers = numbers + 1
    sum = sum + tonumber(a) * 100 + tonumber(b)
  end
  local up, count = text:gsub("%a+", function(w) return w:upper():reverse() end)
  h = fnv(h, up)
  local found, pos = 0, 1
  while true do
    local s, e = up:find("ATEB", pos, true)
    if not s then break end
    found, pos = found + 1, e + 1
  end
  return string.format("%08x %d %d %d %d", h, numbers, sum, count, found)
end

-- Tables: sort records with a comparator, word counts in a hash, insert/remove churn.
local function tables(count)
  local recs = {}
  for i = 1, count do recs[i] = { key = rnd(100000), id = i, name = words[rnd(#words) + 1] } end
  table.sort(recs, function(x, y)
    if x.key ~= y.key then return x.key < y.key end
    return x.id < y.id
  end)
  local h = 2166136261
  for i = 1, count, 97 do h = fnv(h, recs[i].name .. recs[i].key) end
  local counts = {}
  for i = 1, count do
    local k = recs[i].name .. (recs[i].key % 50)
    counts[k] = (counts[k] or 0) + 1
  end
  local distinct, maxc = 0, 0
  for _, c in pairs(counts) do        -- order-independent: only a count and a max
    distinct = distinct + 1
    if c > maxc then maxc = c end
  end
  local q = {}
  for i = 1, count do
    table.insert(q, i)
    if i % 3 == 0 then table.remove(q, 1 + rnd(#q)) end
  end
  local qs = 0
  for i = 1, #q do qs = (qs * 31 + q[i]) & 0xffffffff end
  return string.format("%08x %d %d %d %08x", h, distinct, maxc, #q, qs)
end

-- Closures: a chain of filter closures over a counter (a sieve of primes), and upvalue-heavy
-- accumulators. (Coroutines are left out: coroutine.yield unwinds with longjmp in Lua 5.4.)
local function closures(limit)
  local k = 1
  local src = function() k = k + 1; return k end
  local function filter(p, inner)
    return function()
      while true do
        local x = inner()
        if x % p ~= 0 then return x end
      end
    end
  end
  local last, total = 0, 0
  for _ = 1, limit do
    last = src()
    total = total + last
    src = filter(last, src)
  end
  local function counter()
    local c = 0
    return function(d) c = c + d; return c end
  end
  local acc, r = counter(), 0
  for i = 1, limit * 200 do r = acc(i % 7) end
  return string.format("%d %d %d", last, total, r)
end

for round = 1, n do
  print(string.format("round %d", round))
  print("mandel", mandel(100))
  print("spectral", string.format("%.6e", spectral(40)))
  print("strings", strings(1500))
  print("tables", tables(4000))
  print("closures", closures(100))
end
