import * as assert from 'node:assert/strict';
import { unsafePatternReason } from '../../../../src/core/text/patternSafety';
import { evidenceFrames, mapFramesToRepository, MAX_FRAMES, parseStackTrace, TRACE_PATTERNS, type StackFrame } from '../../../../src/core/code/stackTraces';

const located = (frames: readonly StackFrame[]) => frames.map((f) => [f.path, f.line, f.function]);

describe('parseStackTrace', () => {
  it('reads Node traces: named and anonymous frames, file:// URLs (decoded), webpack:///, async, Windows paths', () => {
    const trace = [
      "TypeError: Cannot read properties of undefined (reading 'id')",
      '    at Router.handle (/srv/app/releases/42/router/index.js:42:17)',
      '    at async Promise.all (index 0)',
      '    at /srv/app/releases/42/server.js:10:3',
      '    at file:///home/dana/my%20app/src/caf%C3%A9.mjs:7:9',
      '    at Object.render (webpack:///./src/views/list.tsx:88:12)',
      '    at async loadUser (C:\\build\\agent\\src\\users.js:5:1)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)',
    ].join('\n');
    assert.deepEqual(located(parseStackTrace(trace)), [
      ['/srv/app/releases/42/router/index.js', 42, 'Router.handle'],
      ['/srv/app/releases/42/server.js', 10, undefined],
      ['/home/dana/my app/src/café.mjs', 7, undefined],
      ['src/views/list.tsx', 88, 'Object.render'],
      ['/build/agent/src/users.js', 5, 'loadUser'],
      ['node:internal/process/task_queues', 95, 'process.processTicksAndRejections'],
      ['/srv/app/node_modules/express/lib/router/layer.js', 95, 'Layer.handle [as handle_request]'],
    ]);
    assert.equal(parseStackTrace(trace)[0].column, 17);
  });

  it('reads Python tracebacks, paths with spaces included', () => {
    const trace = [
      'Traceback (most recent call last):',
      '  File "/opt/My Service/app/views.py", line 31, in checkout',
      '    total = cart.total()',
      '  File "/usr/lib/python3.12/decimal.py", line 7, in __add__',
      '  File "<frozen importlib._bootstrap>", line 1, in _call',
      'ZeroDivisionError: division by zero',
    ].join('\n');
    assert.deepEqual(located(parseStackTrace(trace)), [
      ['/opt/My Service/app/views.py', 31, 'checkout'],
      ['/usr/lib/python3.12/decimal.py', 7, '__add__'],
      ['<frozen importlib._bootstrap>', 1, '_call'],
    ]);
  });

  it('reads Java and Kotlin frames as package path plus file name', () => {
    const trace = [
      'Exception in thread "main" java.lang.IllegalStateException: closed',
      '\tat com.acme.billing.InvoiceService.total(InvoiceService.java:42)',
      '\tat com.acme.billing.InvoiceService$Line.<init>(InvoiceService.java:9)',
      '\tat com.acme.api.RoutesKt.invoices$lambda$0(Routes.kt:17)',
      '\tat java.base/java.lang.Thread.run(Thread.java:833)',
      '\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
      '\t... 3 more',
    ].join('\n');
    assert.deepEqual(located(parseStackTrace(trace)), [
      ['com/acme/billing/InvoiceService.java', 42, 'com.acme.billing.InvoiceService.total'],
      ['com/acme/billing/InvoiceService.java', 9, 'com.acme.billing.InvoiceService$Line.<init>'],
      ['com/acme/api/Routes.kt', 17, 'com.acme.api.RoutesKt.invoices$lambda$0'],
      ['java/lang/Thread.java', 833, 'java.lang.Thread.run'],
    ]);
  });

  it('reads Go panics, the function from the line before', () => {
    const trace = [
      'panic: runtime error: index out of range [3] with length 3',
      '',
      'goroutine 1 [running]:',
      'main.(*Server).handle(0xc000010000, {0x0, 0x0})',
      '\t/home/ci/work/api/server.go:42 +0x1d',
      'main.main()',
      '\t/home/ci/work/api/main.go:9 +0x25',
      'runtime.goexit()',
      '\t/usr/local/go/src/runtime/asm_amd64.s:1650 +0x1',
    ].join('\n');
    assert.deepEqual(located(parseStackTrace(trace)), [
      ['/home/ci/work/api/server.go', 42, 'main.(*Server).handle'],
      ['/home/ci/work/api/main.go', 9, 'main.main'],
    ]);
  });

  it('reads Ruby backtraces, old and new quoting', () => {
    const trace = [
      "app/models/user.rb:42:in 'User#save': undefined method 'x' for nil (NoMethodError)",
      "\tfrom app/controllers/users_controller.rb:7:in `block in create'",
      "\tfrom /usr/local/bundle/gems/actionpack-7.1.0/lib/abstract_controller/base.rb:226:in `process_action'",
    ].join('\n');
    assert.deepEqual(located(parseStackTrace(trace)), [
      ['app/models/user.rb', 42, 'User#save'],
      ['app/controllers/users_controller.rb', 7, 'block in create'],
      ['/usr/local/bundle/gems/actionpack-7.1.0/lib/abstract_controller/base.rb', 226, 'process_action'],
    ]);
  });

  it('reads .NET frames with their Windows paths', () => {
    const trace = [
      'System.NullReferenceException: Object reference not set to an instance of an object.',
      '   at Acme.Api.Orders.OrderHandler.Get(Int32 id) in C:\\agent\\_work\\1\\s\\src\\Api\\Orders\\OrderHandler.cs:line 42',
      '   at lambda_method(Closure , Object , Object[] )',
    ].join('\r\n');
    assert.deepEqual(located(parseStackTrace(trace)), [['/agent/_work/1/s/src/Api/Orders/OrderHandler.cs', 42, 'Acme.Api.Orders.OrderHandler.Get']]);
  });

  it('reads Rust panics (both formats) and backtraces with their function lines', () => {
    const trace = [
      "thread 'main' panicked at src/main.rs:10:5:",
      'attempt to divide by zero',
      "thread 'worker' panicked at 'called `Option::unwrap()` on a `None` value', crates/core/src/queue.rs:77:14",
      'stack backtrace:',
      '   0: rust_begin_unwind',
      '             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:645:5',
      '   1: app::handler::get::h0123456789abcdef',
      '             at ./src/handler.rs:42:9',
    ].join('\n');
    assert.deepEqual(located(parseStackTrace(trace)), [
      ['src/main.rs', 10, undefined],
      ['crates/core/src/queue.rs', 77, undefined],
      ['/rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs', 645, 'rust_begin_unwind'],
      ['src/handler.rs', 42, 'app::handler::get'],
    ]);
  });

  it('finds nothing in prose, and no line 0', () => {
    assert.deepEqual(parseStackTrace('The checkout page is slow since 10:42.\nat noon: everything at 12:00 was fine\nfoo.js:0:1'), []);
  });
});

describe('mapFramesToRepository', () => {
  const tracked = [
    'router/index.js',
    'server.js',
    'src/café.mjs',
    'src/views/list.tsx',
    'lib/router/index.js',
    'src/main/java/com/acme/billing/InvoiceService.java',
    'src/test/java/com/acme/billing/InvoiceService.java',
    'app/models/user.rb',
    'src/Api/Orders/OrderHandler.cs',
    'src/handler.rs',
    'my app/run.py',
    'vendor/node_modules/x/index.js',
  ];
  const map = (trace: string) => mapFramesToRepository(parseStackTrace(trace), tracked).map((f) => [f.where, f.file, f.line]);

  it('maps absolute paths from another machine to the longest tracked suffix, at folder boundaries only', () => {
    assert.deepEqual(
      map(
        [
          'at a (/srv/app/releases/42/router/index.js:42:17)', // router/index.js, not lib/router/index.js
          'at /srv/app/lib/router/index.js:3:1',
          'at /srv/app/myserver.js:1:1', // not server.js: "myserver.js" is another name
          'at b (file:///home/dana/repo/src/caf%C3%A9.mjs:7:9)',
          '  File "/home/u/my app/run.py", line 3, in main',
          'at c (/srv/app/node_modules/x/index.js:1:1)', // a dependency, even when a tracked path ends the same
        ].join('\n'),
      ),
      [
        ['repository', 'router/index.js', 42],
        ['repository', 'lib/router/index.js', 3],
        ['unknown', '/srv/app/myserver.js', 1],
        ['repository', 'src/café.mjs', 7],
        ['repository', 'my app/run.py', 3],
        ['library', '/srv/app/node_modules/x/index.js', 1],
      ],
    );
  });

  it('maps Java frames to the tracked file ending with package path and name (the shortest), and the JDK outside', () => {
    assert.deepEqual(map('\tat com.acme.billing.InvoiceService.total(InvoiceService.java:42)\n\tat java.base/java.lang.Thread.run(Thread.java:833)'), [
      ['repository', 'src/main/java/com/acme/billing/InvoiceService.java', 42],
      ['library', 'java/lang/Thread.java', 833],
    ]);
  });

  it('maps .NET, Ruby and Rust frames; keeps the standard library as outside the code', () => {
    assert.deepEqual(
      map(
        [
          '   at Acme.Api.Orders.OrderHandler.Get(Int32 id) in C:\\agent\\_work\\1\\s\\src\\Api\\Orders\\OrderHandler.cs:line 42',
          "app/models/user.rb:42:in 'User#save'",
          '  at ./src/handler.rs:42:9',
          '  at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs:645:5',
        ].join('\n'),
      ),
      [
        ['repository', 'src/Api/Orders/OrderHandler.cs', 42],
        ['repository', 'app/models/user.rb', 42],
        ['repository', 'src/handler.rs', 42],
        ['library', '/rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/std/src/panicking.rs', 645],
      ],
    );
  });

  it('keeps what the store needs, library frames marked outside', () => {
    const frames = mapFramesToRepository(parseStackTrace('at a (/x/router/index.js:4:1)\nat process.x (node:internal/y:1:1)'), tracked);
    assert.deepEqual(evidenceFrames(frames), [
      { file: 'router/index.js', line: 4, function: 'a' },
      { file: 'node:internal/y', line: 1, function: 'process.x', outside: true },
    ]);
  });
});

describe('stack traces from hostile text', () => {
  it('uses only patterns that cannot backtrack for minutes', () => {
    for (const [name, pattern] of Object.entries(TRACE_PATTERNS)) assert.equal(unsafePatternReason(pattern.source), undefined, name);
  });

  it('caps the frames of a huge input and skips overlong lines', () => {
    const huge = 'at f (/a/b.js:1:1)\n'.repeat(100_000);
    assert.equal(parseStackTrace(huge).length, MAX_FRAMES);
    assert.deepEqual(parseStackTrace(`at f (/${'a'.repeat(50_000)}.js:1:1)`), []);
  });

  it('parses ReDoS-shaped lines (long runs of colons, digits, quotes) without error', () => {
    const shapes = [
      `at ${':1'.repeat(400)}`,
      `File "${'"'.repeat(900)}", line 1`,
      `at x in ${' in '.repeat(200)}:line 1x`,
      `${'a.rb:1:in '.repeat(80)}`,
      `panicked at ${"'".repeat(900)}`,
    ];
    for (const line of shapes) assert.ok(Array.isArray(parseStackTrace(`${line}\n`.repeat(50))));
  });
});
