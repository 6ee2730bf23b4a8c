import { jobDriverTests } from "../../test/jobDriverTests.js";

// The BullMQ driver (scaled mode), on the real Redis named by HIROBA_TEST_REDIS_URL.
jobDriverTests(true);
