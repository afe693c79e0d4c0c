# Globals of a module whose dict is in no cycle are released when the module
# leaves sys.modules at shutdown (dict order); sys.stdout still works.
import sys

sys.path.insert(0, ".")
import _shutdown_helper  # noqa: E402

holder = _shutdown_helper.make("from main")
print("end of script", _shutdown_helper.count())
