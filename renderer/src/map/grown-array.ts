type Column = Float32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array;
type ColumnType<T extends Column> = new (length: number) => T;

/**
 * A typed array of `length` elements of `from`'s type, holding its first `used` elements, the rest written
 * with zeros now. A new array's memory is only mapped on first write, a page fault per 4 KB that costs
 * ~10 µs in a virtual machine; without the zeros each live batch paid dozens of them. Growth, which already
 * copies everything, pays them once. (Used by HitColumns and HitPiles, which grow by doubling.)
 */
export function grownArray<T extends Column>(from: T, length: number, used: number): T {
  const next = zeroedArray(from.constructor as ColumnType<T>, length);
  next.set(from.subarray(0, used));
  return next;
}

/** A new typed array with its memory written now, for the same reason as `grownArray`: an array sized for rows to come. */
export function zeroedArray<T extends Column>(type: ColumnType<T>, length: number): T {
  return new type(length).fill(0) as T;
}
