import assert from "node:assert/strict";
import { pinnedDatasonVersion } from "../../lib/bench/pinned_datason_version.ts";

Deno.test("pinnedDatasonVersion() reads an exact pin and nothing else", () => {
  assert.equal(pinnedDatasonVersion(["orjson==3.13.0", "datason==0.13.0"]), "0.13.0");
  assert.equal(pinnedDatasonVersion(["DataSON[ml] == 2.0.0a1 ; python_version>='3.9'"]), "2.0.0a1");
  assert.equal(pinnedDatasonVersion(["datason===0.12.0"]), "0.12.0");
  assert.equal(pinnedDatasonVersion(["datason>=0.12"]), null, "a range pins nothing");
  assert.equal(pinnedDatasonVersion(["datason==0.13.*"]), null, "a wildcard pins nothing");
  assert.equal(pinnedDatasonVersion(["../datason"]), null, "a checkout folder");
  assert.equal(pinnedDatasonVersion(["orjson==3.13.0"]), null, "no DataSON at all");
});
