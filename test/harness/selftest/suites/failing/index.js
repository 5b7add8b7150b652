// A suite with one passing and one deliberately failing test: the harness
// must print its output, "1 passed, 1 failed", and exit 1. Plain CommonJS,
// loaded as is by the extension host.
/* eslint-disable @typescript-eslint/no-require-imports */
/* global suite, test */
const Mocha = require('mocha');

exports.run = () => {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false });
  mocha.suite.emit('pre-require', global, 'selftest', mocha);
  suite('selftest', () => {
    test('passes', () => {});
    test('fails on purpose', () => {
      throw new Error('deliberate failure');
    });
  });
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats.passes} passed, ${runner.stats.failures} failed`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
      else resolve();
    });
  });
};
