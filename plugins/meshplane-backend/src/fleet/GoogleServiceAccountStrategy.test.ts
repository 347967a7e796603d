import { ConfigReader } from '@backstage/config';
import { GoogleServiceAccountStrategy } from './GoogleServiceAccountStrategy';

describe('GoogleServiceAccountStrategy', () => {
  it('refuses a key that is not JSON without repeating any of it', async () => {
    const strategy = new GoogleServiceAccountStrategy({
      config: new ConfigReader({
        kubernetes: {
          googleServiceAccountCredentials:
            '{"private_key": "-----BEGIN PRIVATE KEY',
        },
      }),
    });
    await expect(strategy.getCredential()).rejects.toThrow(
      new Error('kubernetes.googleServiceAccountCredentials is not valid JSON'),
    );
  });
});
