// What a platform is, as data: the shape of each src/platforms/<id>/facts.ts. No parsers and no browser APIs,
// so the build config, the popup and core's validation can all read it without pulling in parsing code.
/** The part of a platform's facts the popup reads (./ui-facts.ts). */
export interface PlatformLinks {
  /** Stable id, stored with every order (core/model.ts PLATFORMS lists the same ids). */
  readonly id: string;
  /** One character drawn where an item has no thumbnail (the popup's platform icon). */
  readonly icon: string;
  /** The buyer's order list: where capture reads orders, where the shopper signs in, what page visits open. */
  readonly orderListUrl: string;
  /** The order page of an order id, where the platform's buyer detail URL is known. */
  readonly orderDetailUrl?: (orderId: string, opts?: { tmall?: boolean }) => string;
  /** Where the shopper files an after-sale request or a complaint about an order (the evidence text links it). */
  readonly afterSale: {
    readonly url: (orderId: string, opts?: { tmall?: boolean }) => string;
    /** Whether the page is that order's own (else the platform's after-sale centre or order list, where the order's
     * 申请售后 / 投诉 entry is). */
    readonly perOrder: boolean;
    /** Where the URL was learned. */
    readonly source: string;
  };
}

/**
 * An after-sale status code table: where a record's words name no state, its numeric status under one of `keys`
 * gives it. Codes of the sellers' open platforms [S] (sources in docs/after-sale-sources.md), for buyer pages that
 * reuse them; a code not in the table reads as nothing.
 */
export interface AfterSaleStatusCodes {
  /** Keys as the payload writes them (compared normalized: case, "_" and "-" ignored). */
  readonly keys: readonly string[];
  readonly states: Readonly<Record<number, 'requested' | 'pickup_booked' | 'picked_up' | 'in_transit_back' | 'received' | 'refunded' | 'exchanged' | 'closed'>>;
}

export interface PlatformFacts extends PlatformLinks {
  /** Names for logs and docs; the UI shows the _locales strings `platform_<id>` / `optPlatform_<id>`. */
  readonly name: { readonly zh: string; readonly en: string };
  /** Match patterns: content scripts, host permissions and the router's sender check. https only. */
  readonly matches: readonly string[];
  /** Host suffixes of the platform's own pages (order links must point here). */
  readonly pageHosts: readonly string[];
  /** Host suffixes of the image CDNs: item thumbnails from anywhere else are dropped, never fetched. */
  readonly imageCdns: readonly string[];
  /** Hosts a signed-out shopper is redirected to: a page or response from one means "needs sign-in". */
  readonly signInHosts: readonly string[];
  /** After-sale status codes read by the generic scan (Douyin, Kuaishou). */
  readonly afterSaleStatusCodes?: AfterSaleStatusCodes;
}
