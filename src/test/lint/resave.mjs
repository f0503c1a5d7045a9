// Reads each BPMN file with bpmn-moddle and Camunda's moddle extensions and writes it back
// (to <file>.resaved.bpmn), as Camunda Modeler and bpmn-js save a diagram: attributes at their
// default dropped, prefixes and attribute order of their own. ModelerResaveTest checks that
// Baton reads such a file back as unchanged.
import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import modeler from 'modeler-moddle/resources/modeler.json' with { type: 'json' };
import fs from 'node:fs';

const moddle = new BpmnModdle({ camunda, modeler });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
  if (warnings.length) {
    console.error(file, warnings.map(w => w.message).join('; '));
    failed++;
  }
  const { xml } = await moddle.toXML(rootElement, { format: true });
  fs.writeFileSync(file.replace(/\.bpmn$/, '.resaved.bpmn'), xml);
}
process.exit(failed ? 1 : 0);
