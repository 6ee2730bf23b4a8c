/**
 * The Node flags the server runs with: `npm start`, `hiroba bench` and the process-manager
 * examples in docs/operations.md all start `node <flags> dist/main.js`.
 *
 * V8 sizes its heap from the machine's memory. With gigabytes free it lets the old generation grow
 * to about four times what is live before it collects, so a server whose live heap is 40–70 MB
 * sat above 300 MB under load. With a 512 MB ceiling V8 grows the heap by about 1.4× instead; the
 * bench shows no loss of throughput, and the ceiling stays far above what the server keeps.
 *
 * Allocation-site pretenuring moves the objects made at a place in the code straight into the old
 * generation once most of them survive a young collection. A request's rows and rendered parts
 * live across the queries it awaits, so they were moved there and filled it with the garbage of
 * requests (a full collection about every half second); without it, a freshly rendered page costs
 * about 10% less CPU (docs/operations.md, "Memory and garbage collection").
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-old-space-size=512", "--no-allocation-site-pretenuring"];
