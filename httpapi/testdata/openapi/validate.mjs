// Validates an OpenAPI document (a file path, the only argument) against
// the OpenAPI Initiative's JSON Schema of its version, with
// @seriousme/openapi-schema-validator. Prints {"valid": bool, "version":
// "...", "errors": [...]} and exits 0 when valid, 1 when not.
import { Validator } from "@seriousme/openapi-schema-validator";

const validator = new Validator();
const res = await validator.validate(process.argv[2]);
console.log(JSON.stringify({ valid: res.valid, version: validator.version, errors: res.errors ?? [] }));
process.exit(res.valid ? 0 : 1);
