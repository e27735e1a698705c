import { App } from 'aws-cdk-lib';
import { buildApp } from '#infra/app';

// `cdk synth|deploy -c stage=dev|staging|prod [-c alarmEmails=a@x,b@y] [-c nag=false]`
const app = new App();
buildApp(app.node.tryGetContext('stage'), {
  app,
  alarmEmails: app.node.tryGetContext('alarmEmails'),
  nag: String(app.node.tryGetContext('nag') ?? 'true') !== 'false',
});
app.synth();
