// A test entry whose run() never settles: the harness must time out, clean up and exit 124.
exports.run = () => new Promise(() => {});
