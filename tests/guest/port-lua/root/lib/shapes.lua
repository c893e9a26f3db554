-- A module loaded with require from the root file system.
local M = {}
function M.area(w, h) return w * h end
M.name = "shapes"
return M
