"""Fixed-size batches, so that large imports hold a few hundred pages in memory at a time, never all of them."""
from itertools import islice


def batched(items, size):
    """Successive lists of at most `size` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
