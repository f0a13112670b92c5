/** @module The default source of randomness for runs (tests inject a seeded one). */
import { randomUUID } from "node:crypto";
import type { Random } from "../asl/index.js";

export const systemRandom: Random = { uuid: () => randomUUID(), float: () => Math.random() };
