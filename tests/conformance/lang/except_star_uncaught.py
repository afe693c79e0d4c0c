def work():
    raise ExceptionGroup("batch", [ValueError("v"), TypeError("t"), OSError("o")])
try:
    work()
except* ValueError as e:
    print("handled", repr(e))
except* TypeError:
    raise RuntimeError("handler failed")
