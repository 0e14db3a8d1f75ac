"""gunicorn reads this file from the working directory (`make serve` starts it here)."""


def post_worker_init(worker):
    # Each worker loads the Russian dictionary and builds the article-intake matchers now,
    # about a second, instead of during the first search or article an editor sends it.
    from meetings.intake import warm_up

    warm_up()
