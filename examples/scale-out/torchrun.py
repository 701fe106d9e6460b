"""torchrun, for Debian 12's PyTorch 1.13 under Python 3.11, whose launcher compares an Enum with an int
and so fails before starting any worker ("'NoneType' object has no attribute 'get'"). With a current
PyTorch, call `torchrun` itself: the arguments are the same."""
import re
import sys

from torch.distributed.elastic.multiprocessing import api


def from_str(vm):
    if re.fullmatch(r"\d", vm):
        return api.Std(int(vm))
    return {int(k): api.Std(int(v)) for k, v in (part.split(":") for part in vm.split(","))}


if not isinstance(api.Std.from_str("0"), api.Std):
    api.Std.from_str = staticmethod(from_str)

from torch.distributed.run import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
