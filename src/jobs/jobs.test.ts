import { jobDriverTests } from "../../test/jobDriverTests.js";

// The in-process worker (embedded mode, and PostgreSQL without Redis).
jobDriverTests(false);
