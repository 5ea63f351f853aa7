"""What the tests share besides fixtures: records made through the services, driving widgets as a
user would, store damage cases, export checks. `tests/` is on pytest's path (pyproject), so a test in
any area folder imports these as `support.<module>`."""

# Tests unlock hundreds of times; the real scrypt cost is measured in benchmarks/unlock.py.
FAST_SCRYPT = {"n": 2**10, "r": 8, "p": 1}
PASSPHRASE = "tangerine orbit lantern"
