"""gunicorn reads this file from the working directory (`make serve` starts it here).

The worker model was chosen by measurement (benchmarks/RESULTS.md, "Worker model"): sync
workers, one per core. Building a page is Python work (templates above all) that holds the
GIL, so threads in one process took turns rather than adding throughput: at 16 connections
gthread (2 workers x 4 threads) built pages no faster than 2 sync workers and sometimes at
half the rate, and served cached pages at about the same rate, for the same memory.
WORKER_CLASS=gthread with THREADS is there to measure again on a machine where pages wait
longer on a remote database.
"""

import os

worker_class = os.environ.get("WORKER_CLASS", "sync")
threads = int(os.environ.get("THREADS", "4"))  # gthread only
# The command line's --workers (make serve passes WORKERS) wins over this default.
workers = int(os.environ.get("WORKERS", "2"))


def post_worker_init(worker):
    # Each worker loads the Russian dictionary and builds the article-intake matchers now,
    # about a second, instead of during the first search or article an editor sends it.
    import gc

    from meetings.intake import warm_up

    warm_up()
    # What is loaded by now lives as long as the worker: moved out of the collector's sight,
    # it is no longer walked by every full collection (57-70 ms each, 16 ms after).
    gc.collect()
    gc.freeze()
