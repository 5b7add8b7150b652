// A test entry that throws while loading: the harness must report it and exit non-zero.
throw new Error('boom while loading the suite');
