-- wrk script for benchmarks/load_bench.py (issue 9): one scenario per run.
--
-- LOAD_SCENARIO names what to request: static, dashboard, lecture, glossary,
-- toggle, answer, submit, or mix (dashboard, lecture, glossary search, two
-- toggles and an answer in turn, and each student's one submit). LOAD_DATA is a
-- file written by load_bench.py: "page <name> <path>" lines, then one line per
-- student: session cookie, CSRF secret, answer path, answer body, submit path.
-- Each wrk thread takes every n-th student, so connections act as many students.
-- done() prints one JSON line that load_bench.py reads.

local scenario = os.getenv("LOAD_SCENARIO") or "lecture"
local pages, students = {}, {}
local counter, thread_id = 0, 0

local function load(path)
  for line in io.lines(path) do
    local fields = {}
    for field in string.gmatch(line, "[^\t]+") do
      fields[#fields + 1] = field
    end
    if fields[1] == "page" then
      pages[fields[2]] = pages[fields[2]] or {}
      table.insert(pages[fields[2]], fields[3])
    elseif fields[1] == "student" then
      students[#students + 1] = {
        cookie = "sessionid=" .. fields[2] .. "; csrftoken=" .. fields[3],
        csrf = fields[3],
        answer = fields[4],
        answer_body = fields[5],
        submit = fields[6],
        submitted = false,
      }
    end
  end
end

local threads = {}
function setup(thread)
  thread:set("thread_id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  load(os.getenv("LOAD_DATA"))
  -- This thread's students: every n-th one, so threads never share a student.
  local mine, step = {}, tonumber(os.getenv("LOAD_THREADS") or "2")
  for i = thread_id + 1, #students, step do
    mine[#mine + 1] = students[i]
  end
  students = mine
end

local function get(path, student, htmx)
  local headers = { Cookie = student.cookie }
  if htmx then headers["HX-Request"] = "true" end
  return wrk.format("GET", path, headers)
end

local function post(path, student, body, htmx)
  local headers = {
    Cookie = student.cookie,
    ["X-CSRFToken"] = student.csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  if htmx then headers["HX-Request"] = "true" end
  return wrk.format("POST", path, headers, body)
end

local function pick(list, n)
  return list[(n % #list) + 1]
end

local function step(kind, n, student)
  if kind == "static" then
    return wrk.format("GET", pages.static[1])
  elseif kind == "dashboard" then
    return get(pages.dashboard[1], student)
  elseif kind == "lecture" then
    return get(pages.lecture[1], student)
  elseif kind == "glossary" then
    return get(pick(pages.glossary, n), student, true)
  elseif kind == "toggle" then
    -- Read, unread, read…: every request writes.
    local done = (math.floor(n / #students) % 2 == 0) and "1" or "0"
    return post(pick(pages.toggle, n), student, "done=" .. done, true)
  elseif kind == "answer" then
    return post(student.answer, student, student.answer_body, true)
  elseif kind == "submit" then
    student.submitted = true
    return post(student.submit, student, "", false)
  end
end

local mix = { "dashboard", "lecture", "glossary", "toggle", "toggle", "answer" }

function request()
  counter = counter + 1
  local student = students[(counter % #students) + 1]
  if scenario == "mix" then
    local kind = mix[(math.floor(counter / #students) % #mix) + 1]
    -- Each student submits their second quiz once, early in the run.
    if not student.submitted and counter % 7 == 0 then kind = "submit" end
    return step(kind, counter, student)
  end
  return step(scenario, counter, student)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"scenario": "%s", "requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"p99_ms": %.2f, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}}\n',
    scenario, summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
