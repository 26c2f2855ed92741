"""Profile one student page of the demo course with pyinstrument (issue 9).

Same setup as student_pages_bench.py (the demo seeded into a throwaway database,
the demo student half-way through); the page is requested many times under the
sampling profiler and the call tree is printed, or written as HTML.

    .venv/bin/python benchmarks/profile_page.py lecture
    .venv/bin/python benchmarks/profile_page.py "toggle: section read (htmx)" --html out.html
    make profile-page PAGE=lecture

Profile first, then optimise: the tree says where a page's time goes (SQL
compilation, template rendering, middleware) before anyone guesses.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pyinstrument import Profiler  # noqa: E402
from student_pages_bench import run, setup  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", help="a label from student_pages_bench.py, e.g. lecture")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--html", help="write the profile as HTML to this file")
    parser.add_argument("--cold", action="store_true", help="clear the caches before each request")
    args = parser.parse_args()
    client, requests = setup()
    if args.page not in requests:
        sys.exit(f"No page “{args.page}”; one of: {', '.join(requests)}")
    method, url, data, headers = requests[args.page]
    run(client, method, url, data, headers, 20, args.cold)  # warm up
    profiler = Profiler(interval=0.0002)
    profiler.start()
    run(client, method, url, data, headers, args.rounds, args.cold)
    profiler.stop()
    if args.html:
        Path(args.html).write_text(profiler.output_html())
        print(f"Wrote {args.html}")
    else:
        print(profiler.output_text(unicode=True, show_all=False))


if __name__ == "__main__":
    main()
