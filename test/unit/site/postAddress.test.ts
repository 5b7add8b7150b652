import * as assert from 'node:assert/strict';
import { addressKey, linkAddressKeys } from '../../../src/core/site/postAddress';

describe('links to posts by their address', () => {
  it('gives one key to the forms a site serves one page under', () => {
    const key = addressKey('https://blog.example/posts/hello/');
    for (const form of ['https://blog.example/posts/hello', 'http://BLOG.example/posts/hello/index.html', 'https://blog.example/posts/hello.html', 'https://blog.example/posts/hello/?utm=x#top']) {
      assert.equal(addressKey(form), key, form);
    }
    assert.notEqual(addressKey('https://blog.example/posts/hello-2/'), key);
    assert.notEqual(addressKey('https://other.example/posts/hello/'), key);
    assert.equal(addressKey('https://blog.example/2020/caf%C3%A9/'), addressKey('https://blog.example/2020/café/'));
    assert.equal(addressKey('/posts/hello/'), undefined);
    assert.equal(addressKey('mailto:a@b.c'), undefined);
  });

  it('reads a root-relative link against the base URL, with and without its path', () => {
    const site = { baseUrl: 'https://docs.example/blog' };
    const target = addressKey('https://docs.example/blog/2021/03/04/news.html');
    assert.ok(linkAddressKeys('/blog/2021/03/04/news.html', site).includes(target!));
    assert.ok(linkAddressKeys('/2021/03/04/news.html', site).includes(target!));
    assert.deepEqual(linkAddressKeys('https://docs.example/blog/2021/03/04/news', site), [target]);
  });

  it('names nothing for a relative path, a protocol-relative URL, or a site without a base URL', () => {
    assert.deepEqual(linkAddressKeys('other.md', { baseUrl: 'https://x.example' }), []);
    assert.deepEqual(linkAddressKeys('//cdn.example/a', { baseUrl: 'https://x.example' }), []);
    assert.deepEqual(linkAddressKeys('/posts/a/', undefined), []);
    assert.deepEqual(linkAddressKeys('/posts/a/', {}), []);
  });
});
