import * as assert from 'node:assert/strict';
import { MAX_FRAMES } from '../../../../../src/core/code/stackTraces';
import { readSentryException } from '../../../../../src/core/intake/payloads/sentryFrames';

const withFrames = (frames: unknown[], platform = 'node') => ({ platform, exception: { values: [{ type: 'Error', value: 'boom', stacktrace: { frames } }] } });

describe('Sentry frames as stack-trace evidence', () => {
  it('takes off app:/// and a script URL’s origin and query, keeps a path otherwise as printed', () => {
    const { frames } = readSentryException(
      withFrames([
        { filename: 'app:///dist/server.js', lineno: 3, colno: 1 },
        { abs_path: 'https://static.example.org/js/app.min.js?v=42#x', filename: '/js/app.min.js', lineno: 1, colno: 9000 },
        { abs_path: '', filename: 'src/lib.ts', lineno: 8 },
      ]),
    );
    assert.deepEqual(
      frames?.map((f) => f.path),
      ['dist/server.js', '/js/app.min.js', 'src/lib.ts'],
    );
  });

  it('gives each frame a language: its own platform, else its extension, else the event’s; a frame with none is left out', () => {
    const { frames } = readSentryException(
      withFrames(
        [
          { filename: 'worker.py', lineno: 1, platform: 'python' },
          { filename: 'main.go', lineno: 2 },
          { filename: 'node:internal/timers', lineno: 3 },
          { filename: 'native-code', lineno: 4 },
        ],
        'native',
      ),
    );
    assert.deepEqual(
      frames?.map((f) => [f.path, f.language]),
      [
        ['worker.py', 'python'],
        ['main.go', 'go'],
      ],
    );
  });

  it('places a Java frame in its package’s folder, as a pasted Java trace is', () => {
    const { frames } = readSentryException(withFrames([{ filename: 'CheckoutService.java', module: 'com.acme.shop.CheckoutService', function: 'place', lineno: 57 }], 'java'));
    assert.deepEqual(frames, [{ path: 'com/acme/shop/CheckoutService.java', line: 57, function: 'place', language: 'java' }]);
  });

  it('leaves out frames without a positive line or a usable path', () => {
    const { frames } = readSentryException(
      withFrames([{ filename: 'a.js', lineno: 0 }, { filename: 'a.js' }, { filename: '<anonymous>', lineno: 1 }, { lineno: 1 }, 'x', { filename: 'b.js', lineno: 2.5 }]),
    );
    assert.equal(frames, undefined);
  });

  it(`keeps the innermost ${MAX_FRAMES} frames of a deeper stack (Sentry lists the innermost last)`, () => {
    const deep = Array.from({ length: MAX_FRAMES + 50 }, (_, i) => ({ filename: `f${i}.js`, lineno: i + 1 }));
    const { frames } = readSentryException(withFrames(deep));
    assert.equal(frames?.length, MAX_FRAMES);
    assert.equal(frames?.at(-1)?.path, `f${MAX_FRAMES + 49}.js`);
    assert.equal(frames?.[0].path, 'f50.js');
  });

  it('of chained exceptions reads the last one with a stack trace; without an exception, the event’s own stack trace', () => {
    const chained = {
      platform: 'node',
      exception: {
        values: [
          { type: 'ECONNRESET', value: 'socket hang up', stacktrace: { frames: [{ filename: 'db.js', lineno: 10 }] } },
          { type: 'PaymentError', value: 'charge failed', stacktrace: { frames: [{ filename: 'pay.js', lineno: 20 }] } },
          { type: 'Wrapped', value: 'no trace' },
        ],
      },
    };
    assert.deepEqual(readSentryException(chained), { frames: [{ path: 'pay.js', line: 20, language: 'javascript' }], errorText: 'PaymentError: charge failed' });
    assert.deepEqual(readSentryException({ platform: 'python', stacktrace: { frames: [{ filename: 'x.py', lineno: 1 }] } }), {
      frames: [{ path: 'x.py', line: 1, language: 'python' }],
    });
    assert.deepEqual(readSentryException({}), {});
  });
});
