-- SPDX-License-Identifier: MIT
-- The Lua workload of `make bench` (section ports): recursion, strings,
-- tables and sorting, as an interpreter's benchmark mixes them.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local parts = {}
for i = 1, 100000 do parts[#parts + 1] = string.format("%d:%x", i, i * 31) end
local s = table.concat(parts, ",")
local words = 0
for _ in s:gmatch("[^,]+") do words = words + 1 end
print(fib(27), t[1], t[#t], #s, words)
