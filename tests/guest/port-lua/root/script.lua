-- The Lua port's fixed script: the standard library's corners, printed;
-- the same output is expected from the host's lua5.4.
package.path = (os.getenv("ROOT") or "") .. "/lib/?.lua;" .. package.path
local shapes = require("shapes")
print("module", shapes.name, shapes.area(6, 7))

-- numbers: integers, floats, their formatting and conversions
print(7 // 2, 7 / 2, 7 % -3, -7 // 2, 2^53, math.maxinteger, math.mininteger)
print(string.format("%5.2f|%-8d|%x|%g|%e|%q", math.pi, 42, 255, 1e20, 12345.678, "a\nb"))
print(math.tointeger(3.0), math.type(1), math.type(1.0), math.type("1"), tostring(0/0) == tostring(0/0))
print(1e308 * 10, -1e308 * 10, math.huge, math.floor(-3.5), math.ceil(-3.5), math.fmod(7, 3))
print(tonumber("0x10"), tonumber("  12  "), tonumber("z", 36), tonumber("1e2"), tonumber("abc"))
math.randomseed(42)
local r = {}
for i = 1, 5 do r[i] = math.random(1, 100) end
print("random", table.concat(r, ","))

-- strings and patterns
local s = "The quick brown fox jumps over the lazy dog"
print(#s, s:upper(), s:sub(5, 9), s:rep(2, "|"):len())
print(s:find("brown"), s:match("(%a+) fox"), (s:gsub("%w+", string.reverse)))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, v, ";") end
print()
print(string.pack("<i4", 100):byte(1, -1))
print(string.unpack("<i4", string.pack("<i4", -2)))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häl€"), #utf8.char(128512))
for p, c in utf8.codes("aé") do io.write(p, ":", c, " ") end
print()

-- tables, sorting, closures, varargs, metatables
local t = {5, 3, 8, 1, 9, 2}
table.sort(t)
print(table.concat(t, " "), #t, select("#", 1, nil, 3), table.unpack({1, 2, 3}))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
table.insert(t, 1, 0); table.remove(t); print(table.concat(t, " "), table.move({1, 2, 3}, 1, 3, 2)[3])
local function counter() local n = 0 return function() n = n + 1 return n end end
local c1 = counter(); c1(); print("closure", c1())
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
V.__eq = function(a, b) return a.x == b.x end
local a, b = setmetatable({x = 1}, V), setmetatable({x = 2}, V)
print(tostring(a + b), a + b == setmetatable({x = 3}, V), rawequal(a, b))

-- coroutines, errors, goto
local co = coroutine.wrap(function(x) local y = coroutine.yield(x * 2) return x + y end)
print("co", co(5), co(10))
print(pcall(error, {code = 1}), select(2, pcall(error, "msg", 0)))
print(xpcall(function() local z = nil; return z.field end, function(m) return "caught: " .. m:gsub("^.-:%d+: ", "") end))
do local i = 1 ::top:: if i < 3 then i = i + 1 goto top end print("goto", i) end
print(load("return 1 + 2")(), load("syntax error here"))

-- os and io: files in /tmp, dates of a fixed time, the environment
print(os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time({year = 2020, month = 2, day = 29, hour = 12}) ~= nil)
print(os.date("!*t", 0).year, os.getenv("NO_SUCH_VARIABLE"), type(os.clock()))
local name = "/tmp/lua-port-test.txt"
local f = assert(io.open(name, "w"))
f:write("line one\n", 42, "\n", 3.5, "\n")
f:close()
for line in io.lines(name) do io.write("[", line, "]") end
print()
f = assert(io.open(name, "r"))
print(f:read("l"), f:read("n"), f:read("n"), f:read("a"), f:seek("set", 5), f:read(3))
f:close()
print(os.rename(name, name .. ".2"), io.open(name) == nil, os.remove(name .. ".2"))
print(select(2, os.remove("/tmp/no-such-file")))
print(io.open("/no/such/dir/x", "w"))
print(string.format("%s %d", "done", 1))
os.exit(3)
