/**
 * What `open()` shows: the display bundle of a notebook output holds no token anywhere (the
 * handle, its HTML and its plain text), while the line a script prints still has the link
 * with the token.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HANDLE_MIME_TYPE, PROTOCOL_VERSION } from '../../../kernel-client/src/protocol.ts';
import type { PlotterHandle } from '../../../kernel-client/src/protocol.ts';
import {
  displayBundle,
  displayedHandle,
  scriptLine
} from '../../../kernel-client/src/showing/display.ts';

const handle: PlotterHandle = {
  version: PROTOCOL_VERSION,
  id: 'b6a4c0de-1111-4222-8333-944455556666',
  title: 'training <loss> & "rate"',
  url: 'http://127.0.0.1:40123',
  token: '3f9c1e0d2b4a69788796a5b4c3d2e1f0',
  rate: 30,
  inline: true
};

/** Every way the token could be written: as is, URL-encoded, HTML-escaped, or half of it. */
function tokenForms(token: string): string[] {
  return [token, encodeURIComponent(token), token.slice(0, 8), token.slice(-8)];
}

test('no token anywhere in the display bundle, in any of its forms', () => {
  const bundle = displayBundle(handle);
  assert.deepEqual(Object.keys(bundle).sort(), [HANDLE_MIME_TYPE, 'text/html', 'text/plain']);
  const text = JSON.stringify(bundle);
  for (const form of tokenForms(handle.token)) {
    assert.ok(!text.includes(form), `the bundle holds "${form}"`);
  }
  assert.ok(!/token=/.test(text), 'no link with a token query');
  assert.ok(!('token' in (bundle[HANDLE_MIME_TYPE] as object)), 'the handle has no token field');
});

test('the displayed handle keeps everything else a viewer needs', () => {
  const rest: Partial<PlotterHandle> = { ...handle };
  delete rest.token;
  assert.deepEqual(displayedHandle(handle), rest);
  assert.deepEqual(displayBundle(handle)[HANDLE_MIME_TYPE], rest);
});

test("the text forms give the viewer page's address and say where its token is", () => {
  const bundle = displayBundle(handle);
  const plain = bundle['text/plain'] as string;
  const html = bundle['text/html'] as string;
  assert.match(
    plain,
    /^Async Plotter "training <loss> & "rate"": live plots at http:\/\/127\.0\.0\.1:40123\//
  );
  assert.match(plain, /viewerUrl/);
  assert.match(html, /href="http:\/\/127\.0\.0\.1:40123\/"/);
  assert.match(html, /training &#60;loss&#62; &#38; &#34;rate&#34;/, 'the title is escaped');
  assert.doesNotMatch(html, /<loss>/);
});

test('the line a script prints still carries the link with the token', () => {
  assert.equal(
    scriptLine(handle),
    `Async Plotter "${handle.title}": live plots at http://127.0.0.1:40123/?token=${handle.token}`
  );
});
