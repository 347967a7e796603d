import {
  CoreV1Api,
  KubeConfig,
  makeInformer,
  V1ConfigMap,
} from '@kubernetes/client-node';
import { testFleet, waitFor } from '../testing';
import { FleetServer, startFleet } from './startFleet';

describe('@kubernetes/client-node informer against the simulator', () => {
  let fleet: FleetServer;

  beforeAll(async () => {
    fleet = await startFleet({ fleet: testFleet(), bookmarkIntervalMs: 100 });
  });

  afterAll(async () => {
    await fleet?.stop();
  });

  it('sees add, update and delete, and relists after a forced 410', async () => {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(fleet.kubeconfig);
    kubeConfig.setCurrentContext('alpha');
    const core = kubeConfig.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer<V1ConfigMap>(
      kubeConfig,
      '/api/v1/namespaces/apps/configmaps',
      () => {
        lists++;
        return core.listNamespacedConfigMap({ namespace: 'apps' });
      },
    );
    const events: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', obj => events.push(`add ${obj.metadata?.name}`));
    informer.on('update', obj =>
      events.push(`update ${obj.metadata?.name} ${obj.data?.value}`),
    );
    informer.on('delete', obj => events.push(`delete ${obj.metadata?.name}`));
    informer.on('error', error => errors.push(error));
    const cluster = fleet.cluster('alpha');
    await informer.start();
    try {
      await waitFor('the initial list', () => informer.list().length === 3);
      expect(events.filter(e => e.startsWith('add'))).toHaveLength(3);

      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'five', namespace: 'apps' },
        data: { value: '5' },
      });
      await waitFor('the add event', () => events.includes('add five'));
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'five', namespace: 'apps' },
        data: { value: '55' },
      });
      await waitFor('the update event', () =>
        events.includes('update five 55'),
      );
      cluster.delete({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'apps',
        name: 'five',
      });
      await waitFor('the delete event', () => events.includes('delete five'));
      expect(lists).toBe(1);

      // Compaction: history dropped and watches closed; the informer re-watches from its
      // old resourceVersion, gets 410 Gone, and must relist to see what changed meanwhile.
      await cluster.compact();
      cluster.apply({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'six', namespace: 'apps' },
        data: { value: '6' },
      });
      cluster.delete({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        namespace: 'apps',
        name: 'one',
      });
      await waitFor('a relist after 410', () => lists >= 2);
      await waitFor(
        'the relisted state',
        () => informer.get('six', 'apps') && !informer.get('one', 'apps'),
      );
      expect(errors).toEqual([]);
    } finally {
      await informer.stop();
    }
  });
});
