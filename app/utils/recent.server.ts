/**
 * The most recently used values of a computation, at most `max` of them, in this process.
 * Reading a value makes it the most recent; adding one beyond `max` drops the least recent.
 */
export class Recent<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.values.get(key);
    if (value !== undefined) {
      this.values.delete(key);
      this.values.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): V {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.max) this.values.delete(this.values.keys().next().value!);
    return value;
  }

  /** The value kept under `key`, or the one `compute` returns, kept from now on. */
  async getOrCompute(key: string, compute: () => Promise<V> | V): Promise<V> {
    return this.get(key) ?? this.set(key, await compute());
  }
}
