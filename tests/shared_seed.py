"""The product's seed article lives in the shared folder beside the project and is read from
there, never copied in. SUMMITRY_SHARED_DIR names that folder where it is somewhere else."""

import os
from pathlib import Path

SEED_ARTICLE_NAME = "kabar-2021-05-12-central-asia-china-ministers.txt"
_PROJECT = Path(__file__).resolve().parent.parent


def seed_article() -> Path | None:
    """The seed article's path, or None where no shared folder is at hand."""
    folders = [os.environ.get("SUMMITRY_SHARED_DIR"), _PROJECT.parent / "shared"]
    for folder in filter(None, folders):
        path = Path(folder) / "seed" / SEED_ARTICLE_NAME
        if path.exists():
            return path
    return None
