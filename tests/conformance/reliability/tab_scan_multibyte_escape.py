# Regression (cargo-fuzz parse target, crash-4d67cac2): the tab-consistency scan
# stepped over a backslash into the middle of a multi-byte character inside a
# triple-quoted string and panicked ("internal compiler error").
x = """ab\é and \€"""
y = '''\🐍'''
if x:
	print(len(x), len(y))
