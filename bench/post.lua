-- POSTs a reply with the session's CSRF token; BENCH_CSRF and BENCH_COOKIE come from run.py.
dofile(os.getenv("BENCH_REPORT"))  -- the shared done() that prints JSON
local csrf = os.getenv("BENCH_CSRF")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
local counter = 0
request = function()
  counter = counter + 1
  local body = "csrf_token=" .. csrf .. "&body=Svar+nummer+" .. counter .. "+fra+benchmarken%3A+vi+har+afpr%C3%B8vet+l%C3%B8sningen."
  return wrk.format(nil, nil, nil, body)
end
