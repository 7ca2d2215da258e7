// MAIN-world hook, injected at document_start on platform pages. It copies — never alters — the responses
// the page itself loads (fetch, XMLHttpRequest, JSONP callbacks) when their URL looks like orders or
// logistics, and hands the copies to the ISOLATED content script over a private channel.
// Rules: never throw into the page, never delay the page's own code, keep it tiny (it runs on every page).
// No extension APIs exist in this world; no imports of webextension-polyfill.
//
// Page scripts share this world and may replace any global or prototype method later (an ad, a seller's
// widget, an XSS). So every platform function used after start-up is a private copy taken here, before any
// page script runs, and called through a saved Reflect.apply: a wrapped dispatchEvent never sees the
// channel, an overridden Response.prototype.clone/text or Promise.prototype.then never feeds us a body, an
// overridden JSON.stringify or CustomEvent never sees a copy.
import {
  CAPTURE_EVENT,
  CAPTURE_PART_CHARS,
  CHANNEL_TAG,
  HELLO_EVENT,
  INTERESTING_URL,
  MAX_BODY_CHARS,
  WAITING_TAG,
  type CapturedHeader,
} from './channel-protocol';

(() => {
  const w = window as unknown as Record<string, unknown> & Window;
  if (w.__parcelHubHooked) return;

  // ---- private copies, taken before any page script ---------------------------------------------------
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  /** A saved accessor of `proto.name`. Browsers define these as prototype getters; where one is missing
   * (test DOMs), the property is read plainly. */
  const getter = (proto: object, name: string): ((this: unknown) => unknown) => {
    let p: object | null = proto;
    while (p) {
      const get = getOwnDesc(p, name)?.get;
      if (get) return get as (this: unknown) => unknown;
      p = Object.getPrototypeOf(p) as object | null;
    }
    return function (this: unknown) {
      return (this as Record<string, unknown>)[name];
    };
  };
  const stringify = JSON.stringify;
  const CustomEv = CustomEvent;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const then = Promise.prototype.then;
  const reExec = RegExp.prototype.exec;
  const toLower = String.prototype.toLowerCase;
  const URLCtor = URL;
  const hrefOf = getter(URL.prototype, 'href');
  const searchParamsOf = getter(URL.prototype, 'searchParams');
  const paramGet = URLSearchParams.prototype.get;
  const WeakMapCtor = WeakMap;
  const wmGet = WeakMap.prototype.get;
  const wmSet = WeakMap.prototype.set;
  const wmHas = WeakMap.prototype.has;
  const ResponseProto = Response.prototype;
  const resClone = ResponseProto.clone;
  const resBytes = ResponseProto.arrayBuffer;
  const Decoder = TextDecoder;
  const decode = TextDecoder.prototype.decode;
  const Bytes = Uint8Array;
  const later = setTimeout;
  // scheduler.postTask at background priority runs our slices after the page's own pending tasks.
  const sched = (w as { scheduler?: { postTask?: (cb: () => void, o: { priority: string }) => Promise<unknown> } }).scheduler;
  const postTask = typeof sched?.postTask === 'function' ? sched.postTask : undefined;
  const stringSlice = String.prototype.slice;
  const resStatus = getter(ResponseProto, 'status');
  const resUrl = getter(ResponseProto, 'url');
  const RequestCtor = Request;
  const reqUrl = getter(Request.prototype, 'url');
  const xhrProto = XMLHttpRequest.prototype;
  const xhrOpen = xhrProto.open;
  const xhrType = getter(xhrProto, 'responseType');
  const xhrText = getter(xhrProto, 'responseText');
  const xhrResponse = getter(xhrProto, 'response');
  const xhrStatus = getter(xhrProto, 'status');
  const xhrReadyState = getter(xhrProto, 'readyState');
  const xhrResponseUrl = getter(xhrProto, 'responseURL');
  const eventTrusted = (e: Event) => e.isTrusted; // isTrusted is an own, unforgeable property of each event
  const currentScriptOf = getter(Document.prototype, 'currentScript');
  const tagNameOf = getter(Element.prototype, 'tagName');
  const scriptSrc = getOwnDesc(HTMLScriptElement.prototype, 'src');
  const setAttr = Element.prototype.setAttribute;
  const locationHref = () => String(location.href); // location is unforgeable
  const doc = document;

  const nonce = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('');
  const channel = doc.createElement(CHANNEL_TAG);
  channel.setAttribute('data-nonce', nonce);
  defineProperty(w, '__parcelHubHooked', { value: true, configurable: true });
  const root = doc.documentElement;
  const waiting = root?.querySelector(`:scope > ${WAITING_TAG}`);
  if (waiting) {
    waiting.appendChild(channel);
    apply(dispatch, waiting, [new CustomEv(HELLO_EVENT)]);
  } else {
    root?.appendChild(channel);
  }

  const test = (re: RegExp, s: string) => {
    re.lastIndex = 0;
    return apply(reExec, re, [s]) !== null;
  };
  const absolute = (url: unknown): string => {
    try {
      return apply(hrefOf, new URLCtor(String(url), locationHref()), []) as string;
    } catch {
      return '';
    }
  };

  // The hook only copies: no parsing, no scanning here. Every piece of work that grows with the body is cut
  // into slices of CAPTURE_PART_CHARS, one task each, with the page's own tasks free to run in between:
  // decoding the clone's bytes, and handing each piece across to the content script (a CustomEvent whose
  // string detail the browser structured-clones into the other world). The body is never joined here.
  // A parsed body (XHR json, a JSONP argument) goes back to text with the native stringify — the one
  // whole-body step left, as the browser gives no text for those; the reader later nulls integers beyond
  // 2^53 in it (the browser rounded them).
  const nextTask = (step: () => void) => {
    if (postTask) apply(then, apply(postTask, sched, [step, { priority: 'background' }]), [undefined, () => {}]);
    else later(step, 0);
  };
  let lastId = 0;
  type Piece = { text: string; end: boolean };
  /** A sender for one response: `piece` hands on one slice (in the caller's task); the last one says `end`. */
  const sender = (kind: CapturedHeader['kind'], url: string, status: number, parsed: boolean) => {
    const id = ++lastId;
    let seq = 0;
    let size = 0;
    return (p: Piece) => {
      size += p.text.length;
      const truncated = size > MAX_BODY_CHARS;
      // Over the cap: the pieces stop; only the closing one (empty, truncated) goes, with the full size.
      if (truncated && !p.end) return;
      const head: CapturedHeader = { nonce, id, seq: seq++, end: p.end, kind, url, status, truncated, size, parsed };
      apply(dispatch, channel, [new CustomEv(CAPTURE_EVENT, { detail: `${stringify(head)}\n${truncated ? '' : p.text}` })]);
    };
  };
  /** A body the page already has as one string: handed on in slices, one task each. */
  const postText = (kind: CapturedHeader['kind'], url: string, status: number, text: string, parsed: boolean) => {
    if (typeof text !== 'string' || !text) return;
    const piece = sender(kind, url, status, parsed);
    if (text.length > MAX_BODY_CHARS) return piece({ text, end: true }); // reported as truncated, not sent
    let at = 0;
    const step = () => {
      try {
        const end = at + CAPTURE_PART_CHARS >= text.length;
        piece({ text: apply(stringSlice, text, [at, at + CAPTURE_PART_CHARS]) as string, end });
        at += CAPTURE_PART_CHARS;
        if (!end) nextTask(step);
      } catch {
        /* a copy we could not make is a copy we skip */
      }
    };
    nextTask(step);
  };
  const post = (kind: CapturedHeader['kind'], url: string, status: number, body: unknown, parsed: boolean) => {
    try {
      postText(kind, url, status, typeof body === 'string' ? body : (stringify(body) as string), parsed);
    } catch {
      // a copy we could not make is a copy we skip
    }
  };

  // A fetched body is decoded (UTF-8, as Response.text does) slice by slice, one task each; each slice is
  // handed on as it is decoded. CAPTURE_PART_CHARS bytes never decode to more than as many characters.
  const decodeInSlices = (buf: ArrayBuffer, url: string, status: number) => {
    const dec = new Decoder();
    const len = buf.byteLength;
    if (!len) return;
    const piece = sender('fetch', url, status, false);
    let at = 0;
    const step = () => {
      try {
        const end = at + CAPTURE_PART_CHARS < len ? at + CAPTURE_PART_CHARS : len;
        const text = apply(decode, dec, [new Bytes(buf, at, end - at), { stream: end < len }]) as string;
        at = end;
        piece({ text, end: at >= len });
        if (at < len) nextTask(step);
      } catch {
        /* undecodable: skip */
      }
    };
    nextTask(step);
  };

  // fetch: read a clone (through our saved methods) after the page has its response; the page's promise is
  // returned untouched. The URL reported is the response's own (after redirects; data:/blob: stay visible).
  const origFetch = w.fetch;
  if (typeof origFetch === 'function') {
    const hookedFetch = function (input: RequestInfo | URL, init?: RequestInit) {
      // fetch must be called with window as `this` ("Illegal invocation" otherwise)
      const result = apply(origFetch, w, [input, init]) as Promise<Response>;
      try {
        const asked = absolute(input instanceof RequestCtor ? apply(reqUrl, input, []) : input);
        if (test(INTERESTING_URL, asked)) {
          apply(then, result, [
            (res: Response) => {
              try {
                const url = (apply(resUrl, res, []) as string) || asked;
                const status = apply(resStatus, res, []) as number;
                const copy = apply(resClone, res, []) as Response;
                apply(then, apply(resBytes, copy, []), [(buf: ArrayBuffer) => decodeInSlices(buf, url, status), () => {}]);
              } catch {
                /* body already used, opaque, or not a real Response */
              }
            },
            () => {},
          ]);
        }
      } catch {
        /* never break the page's fetch */
      }
      return result;
    };
    w.fetch = hookedFetch as typeof fetch;
  }

  // XMLHttpRequest: remember the URL at open(), copy text or json responses at a real (trusted) load.
  const urls = new WeakMapCtor<XMLHttpRequest, string>();
  const onXhrLoad = function (this: XMLHttpRequest, e: Event) {
    try {
      if (!eventTrusted(e) || apply(xhrReadyState, this, []) !== 4) return;
      const url = (apply(xhrResponseUrl, this, []) as string) || (apply(wmGet, urls, [this]) as string);
      const status = apply(xhrStatus, this, []) as number;
      const type = apply(xhrType, this, []);
      if (type === '' || type === 'text') post('xhr', url, status, apply(xhrText, this, []), false);
      else if (type === 'json') post('xhr', url, status, apply(xhrResponse, this, []), true);
    } catch {
      /* unreadable response */
    }
  };
  xhrProto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const url = absolute(args[1]);
      if (test(INTERESTING_URL, url)) {
        if (!apply(wmHas, urls, [this])) apply(addListener, this, ['load', onXhrLoad]);
        apply(wmSet, urls, [this, url]);
      }
    } catch {
      /* never break the page's XHR */
    }
    return apply(xhrOpen, this, args);
  } as typeof xhrProto.open;

  // JSONP (Taobao mtop answers `mtopjsonpN({...})`): when a <script> gets an interesting src with a
  // callback parameter, wrap that window callback. Its argument is copied only while that very script
  // element is the one executing (document.currentScript): a page script calling the callback itself, or a
  // script element that is never inserted, copies nothing.
  const scriptUrls = new WeakMapCtor<Element, { name: string; url: string }>();
  const wrapped = new WeakMapCtor<object, true>();
  const wrapCallback = (name: string) => {
    const wrap = (fn: unknown) => {
      if (typeof fn !== 'function' || apply(wmHas, wrapped, [fn])) return fn;
      const copying = function (this: unknown, ...args: unknown[]) {
        try {
          const script = apply(currentScriptOf, doc, []) as Element | null;
          const src = script ? (apply(wmGet, scriptUrls, [script]) as { name: string; url: string } | undefined) : undefined;
          if (src && src.name === name) post('jsonp', src.url, 200, args[0], true);
        } catch {
          /* never break the page's callback */
        }
        return apply(fn as (...a: unknown[]) => unknown, this, args);
      };
      apply(wmSet, wrapped, [copying, true]);
      return copying;
    };
    const desc = getOwnDesc(w, name);
    // Leave alone what we cannot or should not redefine: frozen names and accessors (someone else's, or ours).
    if (desc && (!desc.configurable || desc.get || desc.set)) return;
    if (desc && 'value' in desc) {
      w[name] = wrap(desc.value);
      return;
    }
    let current: unknown;
    defineProperty(w, name, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (fn) => {
        current = wrap(fn);
      },
    });
  };
  const CALLBACK_NAME = /^[A-Za-z_$][\w$]*$/;
  const onScriptSrc = (el: Element, src: unknown) => {
    try {
      const url = absolute(src);
      if (!test(INTERESTING_URL, url)) return;
      const params = apply(searchParamsOf, new URLCtor(url), []) as URLSearchParams;
      const name = (apply(paramGet, params, ['callback']) ?? apply(paramGet, params, ['jsonpCallback']) ?? apply(paramGet, params, ['jsonp'])) as string | null;
      if (name && test(CALLBACK_NAME, name)) {
        apply(wmSet, scriptUrls, [el, { name, url }]);
        wrapCallback(name);
      }
    } catch {
      /* ignore */
    }
  };
  if (scriptSrc?.set && scriptSrc.get) {
    const setSrc = scriptSrc.set;
    defineProperty(HTMLScriptElement.prototype, 'src', {
      ...scriptSrc,
      set(this: HTMLScriptElement, value: string) {
        onScriptSrc(this, value);
        apply(setSrc, this, [value]);
      },
    });
  }
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    try {
      if (typeof name === 'string' && apply(toLower, name, []) === 'src' && apply(tagNameOf, this, []) === 'SCRIPT') onScriptSrc(this, value);
    } catch {
      /* not an element */
    }
    return apply(setAttr, this, [name, value]);
  };
})();
