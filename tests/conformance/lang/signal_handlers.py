import os, signal, time
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
    print("not reached")
except KeyboardInterrupt as e:
    print("caught", repr(e), e.__traceback__.tb_lineno)
def h(signum, frame):
    print("handler", signum, type(frame).__name__, frame.f_code.co_name)
old = signal.signal(signal.SIGINT, h)
print(old is signal.default_int_handler, signal.getsignal(signal.SIGINT) is h)
os.kill(os.getpid(), signal.SIGINT)
signal.raise_signal(signal.SIGINT)
print("after")
signal.signal(signal.SIGUSR1, h)
signal.raise_signal(signal.SIGUSR1)
signal.signal(signal.SIGINT, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGINT)
print("ignored", signal.getsignal(signal.SIGINT))
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("KI again")
def boom(s, f):
    raise ValueError("from handler %d" % s)
signal.signal(signal.SIGUSR2, boom)
try:
    os.kill(os.getpid(), signal.SIGUSR2)
except ValueError as e:
    print(e)
for bad in ((0, h), (65, h), (-1, h)):
    try:
        signal.signal(*bad)
    except ValueError as e:
        print("ValueError", e)
try:
    signal.signal(signal.SIGINT, 5)
except TypeError as e:
    print("TypeError", e)
try:
    signal.signal(signal.SIGKILL, h)
except OSError as e:
    print("OSError", e)
try:
    signal.getsignal(100)
except ValueError as e:
    print("ValueError", e)
print(signal.getsignal(signal.SIGTERM), signal.SIG_DFL, signal.SIG_IGN, int(signal.SIGINT), int(signal.SIGTERM))
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt:
    print("default_int_handler raises")
print(signal.strsignal(signal.SIGINT), signal.strsignal(signal.SIGTERM))
# sleep interrupted by a handler that does not raise: sleeps the rest
