// The reference peer of the side-by-side benchmark (bench/run.sh): /deal new|log|advance written the plain way, with
// Slack's Bolt framework (HTTP receiver, signing secret checked) and @azure/data-tables. It does what the commands need
// and nothing more: no fuzzy lookup, no redelivery check, no authorization, no stall scheduling.
//
//   STORAGE=<connection string> TABLE=<table> PORT=<port> SLACK_SIGNING_SECRET=<secret> node app.js
'use strict';

const { App, LogLevel } = require('@slack/bolt');
const { TableClient } = require('@azure/data-tables');

const stages = ['Prospecting', 'Qualified', 'Present offer', 'Negotiation'];
const table = TableClient.fromConnectionString(process.env.STORAGE, process.env.TABLE || 'boltdeals', { allowInsecureConnection: true });

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  // One workspace, one bot token: nothing to look up per request.
  authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BENCH' }),
  logLevel: LogLevel.ERROR,
});

// `"Acme Corp" call "pricing ok"` → ['Acme Corp', 'call', 'pricing ok']
function words(text) {
  return [...(text || '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

const dealKey = (name) => 'deal|' + name.trim().toLowerCase();

// Read the deal, change it, write it back with its history row in one transaction, conditional on the ETag read;
// on 412 someone else changed it in between: read again and retry.
async function change(team, name, apply) {
  for (;;) {
    let deal;
    try {
      deal = await table.getEntity(team, dealKey(name));
    } catch (e) {
      if (e.statusCode === 404) return null;
      throw e;
    }
    const history = apply(deal);
    try {
      await table.submitTransaction([
        ['update', deal, 'Replace', { etag: deal.etag }],
        ['create', { partitionKey: team, rowKey: `h|${dealKey(name)}|${Date.now()}|${Math.random().toString(36).slice(2)}`, ...history }],
      ]);
      return deal;
    } catch (e) {
      if (e.statusCode !== 412) throw e;
    }
  }
}

app.command('/deal', async ({ command, ack }) => {
  const [verb, name, ...rest] = words(command.text);
  const team = command.team_id;
  let text;
  if (verb === 'new' && name) {
    const amount = Number.parseFloat(rest[0] || '0') * (/k$/i.test(rest[0] || '') ? 1000 : 1);
    try {
      await table.submitTransaction([
        ['create', { partitionKey: team, rowKey: dealKey(name), name, amount, stage: 0, owner: command.user_id, interactions: 0 }],
        ['create', { partitionKey: team, rowKey: `h|${dealKey(name)}|${Date.now()}`, kind: 'created', by: command.user_id }],
      ]);
      text = `Created ${name} (${amount}), ${stages[0]}.`;
    } catch (e) {
      if (e.statusCode !== 409) throw e;
      text = `${name} already exists.`;
    }
  } else if (verb === 'log' && name && rest.length > 0) {
    const [kind, ...note] = rest;
    const deal = await change(team, name, (d) => {
      d.interactions = (d.interactions || 0) + 1;
      d.lastActivity = new Date().toISOString();
      return { kind, note: note.join(' '), by: command.user_id };
    });
    text = deal ? `Logged a ${kind} on ${deal.name}.` : `No deal called ${name}.`;
  } else if (verb === 'advance' && name) {
    const deal = await change(team, name, (d) => {
      d.stage = Math.min(d.stage + 1, stages.length - 1);
      return { kind: 'advanced', stage: stages[d.stage], by: command.user_id };
    });
    text = deal ? `Moved ${deal.name} to ${stages[deal.stage]}.` : `No deal called ${name}.`;
  } else {
    text = 'Try /deal new|log|advance <deal> …';
  }

  await ack({ response_type: 'ephemeral', text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
});

(async () => {
  await table.createTable();
  await app.start(Number(process.env.PORT || 3000));
  console.log('ready');
})();
