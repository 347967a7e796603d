import { DependencyList, useEffect, useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { MeshplaneApi, meshplaneApiRef } from '../api';

/**
 * What every Meshplane hook returns: the answer, or the error, and `retry`.
 *
 * @public
 */
export interface MeshplaneQueryState<T> {
  value?: T;
  loading: boolean;
  error?: Error;
  retry: () => void;
}

/**
 * Runs one {@link MeshplaneApi} call and aborts it when the inputs change or
 * the component unmounts, so a slow answer never lands in the wrong view.
 *
 * @public
 */
export function useMeshplane<T>(
  call: (api: MeshplaneApi, signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): MeshplaneQueryState<T> {
  const api = useApi(meshplaneApiRef);
  const controller = useRef<AbortController>();
  useEffect(() => () => controller.current?.abort(), []);
  const state = useAsyncRetry(async () => {
    controller.current?.abort();
    controller.current = new AbortController();
    return call(api, controller.current.signal);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ...deps]);
  return {
    value: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
