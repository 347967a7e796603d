// @ts-check

/**
 * Group requests (DESIGN §6): a request is stored before any work, with its
 * rendered objects, its preview, its per-cluster rollout and its audit trail.
 * Times are ISO 8601 UTC strings, which compare correctly as text on every
 * supported database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('meshplane_requests', table => {
    table.comment('Gateway, traffic and security group requests of workspaces');
    table.string('id', 36).primary().notNullable();
    table.string('workspace').notNullable().comment('System entity ref');
    table
      .string('workspace_owner')
      .notNullable()
      .comment('Owner entity ref of the System at request time');
    table.string('group_type', 16).notNullable();
    table.string('group_name', 63).notNullable();
    table
      .text('group_spec', 'longtext')
      .notNullable()
      .comment('MeshGroupSpec as JSON');
    table.text('description');
    table.string('requester').notNullable().comment('User entity ref');
    table
      .string('approval', 16)
      .notNullable()
      .comment('PENDING, APPROVED or REJECTED');
    table.string('decided_by');
    table.string('decided_at', 30);
    table.text('decision_comment');
    table
      .string('status', 16)
      .notNullable()
      .comment('ACCEPTED, READY, PARTIAL or FAILED');
    table.text('preview', 'longtext').comment('RequestPreview as JSON');
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['workspace'], 'meshplane_requests_workspace_idx');
    table.index(['created_at'], 'meshplane_requests_created_idx');
  });

  await knex.schema.createTable('meshplane_request_clusters', table => {
    table.comment('Rollout of a request in one cluster');
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('meshplane_requests')
      .onDelete('CASCADE');
    table.string('cluster').notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('ACCEPTED, READY or FAILED');
    table.boolean('due').notNullable().comment('Waiting for a rollout attempt');
    table.integer('attempts').notNullable();
    table.text('last_error');
    table
      .string('lease_owner')
      .comment('Replica applying the cluster right now');
    table.string('lease_until', 30);
    table.string('updated_at', 30).notNullable();
    table.primary(['request_id', 'cluster']);
    table.index(['due'], 'meshplane_request_clusters_due_idx');
  });

  await knex.schema.createTable('meshplane_request_objects', table => {
    table.comment(
      'Rendered Istio objects of a request, per cluster, in apply order',
    );
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('meshplane_requests')
      .onDelete('CASCADE');
    table.string('cluster').notNullable();
    table.integer('seq').notNullable();
    table.string('api_version').notNullable();
    table.string('kind').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table
      .text('object', 'longtext')
      .notNullable()
      .comment('The object as JSON');
    table
      .string('applied_at', 30)
      .comment('When the server-side apply succeeded');
    table.string('applied_resource_version');
    table.primary(['request_id', 'cluster', 'seq']);
  });

  await knex.schema.createTable('meshplane_request_events', table => {
    table.comment('Audit trail of a request: who did what, when');
    table.bigIncrements('id').primary();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('meshplane_requests')
      .onDelete('CASCADE');
    table.string('at', 30).notNullable();
    table.string('actor').notNullable();
    table.string('action', 32).notNullable();
    table.string('cluster');
    table.text('message').notNullable();
    table.index(['request_id'], 'meshplane_request_events_request_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('meshplane_request_events');
  await knex.schema.dropTable('meshplane_request_objects');
  await knex.schema.dropTable('meshplane_request_clusters');
  await knex.schema.dropTable('meshplane_requests');
};
