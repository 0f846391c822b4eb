"""``python -m ionos_emulator [flags]``: the emulator in the foreground."""

from .serve import main_loop
from .settings import parse_args

if __name__ == "__main__":
    main_loop(parse_args())
