// The one "fill missing fields" rule of the generic scan: the same order or parcel seen twice in a payload or a
// page (list row + embedded detail, two embedded states) keeps the first value of each field and takes the
// fields it lacked from the later sighting. Lists (items, order ids, events) are merged by the callers.

/** Copy each defined field of `from` that `into` does not have yet. Returns `into`. */
export function fillMissing<T extends object>(into: T, from: Partial<T>): T {
  const target = into as Record<string, unknown>;
  for (const [k, v] of Object.entries(from)) if (v !== undefined && target[k] === undefined) target[k] = v;
  return into;
}
