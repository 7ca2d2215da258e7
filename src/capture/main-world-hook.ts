// MAIN-world hook, injected at document_start on platform pages. It copies — never alters — the responses
// the page itself loads (fetch, XMLHttpRequest, JSONP callbacks) when their URL looks like orders or
// logistics, and hands the copies to the ISOLATED content script over a private channel.
// Rules: never throw into the page, never delay the page's own code, keep it tiny (it runs on every page).
// No extension APIs exist in this world; no imports of webextension-polyfill.
import {
  CAPTURE_EVENT,
  CHANNEL_TAG,
  HELLO_EVENT,
  INTERESTING_URL,
  MAX_BODY_CHARS,
  WAITING_TAG,
  type CapturedResponse,
} from './channel-protocol';

(() => {
  const w = window as unknown as Record<string, unknown> & Window;
  if (w.__parcelHubHooked) return;
  Object.defineProperty(w, '__parcelHubHooked', { value: true, configurable: true });

  const nonce = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('');
  const channel = document.createElement(CHANNEL_TAG);
  channel.setAttribute('data-nonce', nonce);
  const root = document.documentElement;
  const waiting = root?.querySelector(`:scope > ${WAITING_TAG}`);
  if (waiting) {
    waiting.appendChild(channel);
    waiting.dispatchEvent(new CustomEvent(HELLO_EVENT));
  } else {
    root?.appendChild(channel);
  }

  const absolute = (url: unknown): string => {
    try {
      return new URL(String(url), location.href).href;
    } catch {
      return '';
    }
  };

  const post = (kind: CapturedResponse['kind'], url: string, status: number, body: unknown) => {
    try {
      let text = typeof body === 'string' ? body : JSON.stringify(body);
      if (!text) return;
      const truncated = text.length > MAX_BODY_CHARS;
      if (truncated) text = text.slice(0, MAX_BODY_CHARS);
      const msg: CapturedResponse = { nonce, kind, url, status, body: text, truncated };
      channel.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail: JSON.stringify(msg) }));
    } catch {
      // a copy we could not make is a copy we skip
    }
  };

  // fetch: read a clone after the page has its response; the page's promise is returned untouched.
  const origFetch = w.fetch;
  if (typeof origFetch === 'function') {
    const hookedFetch = function (input: RequestInfo | URL, init?: RequestInit) {
      // fetch must be called with window as `this` ("Illegal invocation" otherwise)
      const result = origFetch.call(w, input, init) as Promise<Response>;
      try {
        const url = absolute(input instanceof Request ? input.url : input);
        if (INTERESTING_URL.test(url)) {
          result.then(
            (res) => {
              try {
                res.clone().text().then((t) => post('fetch', url, res.status, t), () => {});
              } catch {
                /* body already used or opaque */
              }
            },
            () => {},
          );
        }
      } catch {
        /* never break the page's fetch */
      }
      return result;
    };
    w.fetch = hookedFetch as typeof fetch;
  }

  // XMLHttpRequest: remember the URL at open(), copy text or json responses at load.
  const xhrProto = XMLHttpRequest.prototype;
  const origOpen = xhrProto.open;
  const urls = new WeakMap<XMLHttpRequest, string>();
  xhrProto.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    try {
      const url = absolute(args[1]);
      if (INTERESTING_URL.test(url)) {
        if (!urls.has(this)) {
          this.addEventListener('load', () => {
            try {
              const type = this.responseType;
              if (type === '' || type === 'text') post('xhr', urls.get(this) ?? url, this.status, this.responseText);
              else if (type === 'json') post('xhr', urls.get(this) ?? url, this.status, this.response);
            } catch {
              /* unreadable response */
            }
          });
        }
        urls.set(this, url);
      }
    } catch {
      /* never break the page's XHR */
    }
    return (origOpen as (...a: unknown[]) => void).apply(this, args);
  } as typeof xhrProto.open;

  // JSONP (Taobao mtop answers `mtopjsonpN({...})`): when a <script> gets an interesting src with a
  // callback parameter, wrap that window callback so its argument is copied before the page gets it.
  const wrapCallback = (name: string, url: string) => {
    const wrap = (fn: unknown) =>
      typeof fn === 'function' && !(fn as { __ph?: boolean }).__ph
        ? Object.assign(
            function (this: unknown, ...args: unknown[]) {
              post('jsonp', url, 200, args[0]);
              return (fn as (...a: unknown[]) => unknown).apply(this, args);
            },
            { __ph: true },
          )
        : fn;
    const desc = Object.getOwnPropertyDescriptor(w, name);
    // Leave alone what we cannot or should not redefine: frozen names and accessors (someone else's, or ours).
    if (desc && (!desc.configurable || desc.get || desc.set)) return;
    if (desc && 'value' in desc) {
      w[name] = wrap(desc.value);
      return;
    }
    let current: unknown;
    Object.defineProperty(w, name, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (fn) => {
        current = wrap(fn);
      },
    });
  };
  const onScriptSrc = (src: unknown) => {
    try {
      const url = absolute(src);
      if (!INTERESTING_URL.test(url)) return;
      const params = new URL(url).searchParams;
      const name = params.get('callback') ?? params.get('jsonpCallback') ?? params.get('jsonp');
      if (name && /^[A-Za-z_$][\w$]*$/.test(name)) wrapCallback(name, url);
    } catch {
      /* ignore */
    }
  };
  const srcDesc = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'src');
  if (srcDesc?.set && srcDesc.get) {
    Object.defineProperty(HTMLScriptElement.prototype, 'src', {
      ...srcDesc,
      set(this: HTMLScriptElement, value: string) {
        onScriptSrc(value);
        srcDesc.set!.call(this, value);
      },
    });
  }
  const origSetAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (this instanceof HTMLScriptElement && typeof name === 'string' && name.toLowerCase() === 'src') onScriptSrc(value);
    return origSetAttribute.call(this, name, value);
  };
})();
