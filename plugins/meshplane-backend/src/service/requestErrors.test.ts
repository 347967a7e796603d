import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { requestErrors } from './requestErrors';

/** A router parsing JSON like the plugin's, behind Backstage's error middleware in production mode. */
function app() {
  const router = Router();
  router.use(express.json({ limit: '1kb' }));
  router.post('/requests/preview', (req, res) => {
    res.json(req.body);
  });
  router.get('/entity/:name', (req, res) => {
    res.json({ name: req.params.name });
  });
  router.use(requestErrors);
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return express()
    .use('/api/meshplane', router)
    .use(middleware.error({ showStackTraces: false }));
}

describe('requestErrors', () => {
  it('names the request whose body is not JSON, without echoing the body', async () => {
    const res = await request(app())
      .post('/api/meshplane/requests/preview?dryRun=true')
      .set('Content-Type', 'application/json')
      .send('{"note": "private",}');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message:
        'The body of POST /api/meshplane/requests/preview is not valid JSON (at position 19)',
    });
    // Not an object or array: body-parser's own message would quote the body.
    const scalar = await request(app())
      .post('/api/meshplane/requests/preview')
      .set('Content-Type', 'application/json')
      .send('"private"');
    expect(scalar.body.error).toEqual({
      name: 'InputError',
      message:
        'The body of POST /api/meshplane/requests/preview is not valid JSON',
    });
  });

  it('says how large a body may be', async () => {
    const res = await request(app())
      .post('/api/meshplane/requests/preview')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(2000) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      name: 'PayloadTooLargeError',
      message:
        'The body of POST /api/meshplane/requests/preview is 2,011 bytes; at most 1,024 bytes are accepted',
      statusCode: 413,
    });
  });

  it('refuses a charset or encoding it cannot read, naming it', async () => {
    const charset = await request(app())
      .post('/api/meshplane/requests/preview')
      .set('Content-Type', 'application/json; charset=latin9')
      .send('{}');
    expect(charset.status).toBe(415);
    expect(charset.body.error.message).toBe(
      'The body of POST /api/meshplane/requests/preview has a charset the API does not read (latin9); send UTF-8',
    );
    const encoding = await request(app())
      .post('/api/meshplane/requests/preview')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'bogus')
      .send('{}');
    expect(encoding.status).toBe(415);
    expect(encoding.body.error.message).toContain('(bogus)');
  });

  it('answers a path that is not valid percent-encoding with 400', async () => {
    const res = await request(app()).get('/api/meshplane/entity/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message:
        'The path of GET /api/meshplane/entity/%E0%A4%A is not valid percent-encoding',
    });
  });
});
