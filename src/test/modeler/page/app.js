// The editor of Camunda Modeler 5.x for a Camunda 7 diagram, from the same npm packages the
// desktop app is built on: bpmn-js's Modeler, the properties panel with its Camunda 7 provider,
// Camunda 7 behaviours, Camunda 7 element templates (Baton's, from processes/element-templates)
// and the template chooser. modeler.mjs bundles this with esbuild and drives it.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import ElementTemplateChooserModule from '@bpmn-io/element-template-chooser';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import modelerModdle from 'modeler-moddle/resources/modeler.json';

import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import '@bpmn-io/element-template-chooser/dist/element-template-chooser.css';

async function start() {
  const templates = await (await fetch('templates.json')).json();
  const templateErrors = [];
  const modeler = new BpmnModeler({
    container: '#canvas',
    propertiesPanel: { parent: '#properties' },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaPlatformBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ElementTemplateChooserModule,
    ],
    moddleExtensions: { camunda: camundaModdle, modeler: modelerModdle },
  });
  // what the desktop app does with the files of its element-templates folders; the loader
  // validates them and reports what it refuses
  modeler.on('elementTemplates.errors', (e) => templateErrors.push(...e.errors.map(String)));
  modeler.get('elementTemplatesLoader').setTemplates(templates);
  window.batonModeler = { modeler, templates, templateErrors };
}

start().then(() => { window.batonReady = true; },
  (e) => { window.batonError = String(e && e.stack || e); });
