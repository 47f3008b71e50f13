// keyAddsPart: a hot key split counts only when the partition key says what is added to the hot id. A key that is
// one id, however it is spelt, sends every write of the hot value to one partition.
import { describe, expect, it } from 'vitest';
import { keyAddsPart, resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

describe('keyAddsPart', () => {
  it('one id in any spelling adds nothing', () => {
    for (const key of [
      'post_id',
      'post id',
      'post-id',
      'post.id',
      'postId',
      'PostID',
      ' post id ',
      'POST_ID',
      'the post id',
      'hash of the post id',
    ])
      expect(keyAddsPart(key), key).toBe(false);
  });

  it('the same id joined to itself is still one id', () => {
    for (const key of ['post_id, post id', 'post_id + post-id', 'postId:post_id']) expect(keyAddsPart(key), key).toBe(false);
  });

  it('a bucket, suffix, shard number, sub-keys or a modulus named beside the id adds a part', () => {
    for (const key of [
      'post_id + bucket (0-15)',
      'post_id + like bucket (0-15)',
      'post id bucket',
      'post-id-bucket',
      'postIdBucket',
      'post_id with a random suffix',
      'post_id salted',
      'post_id and shard number',
      'hash of the key (hot counters split into 32 sub-keys placed one per partition)',
      'followee_id (celebrities by followee_id + hash(follower_id) mod 16)',
    ])
      expect(keyAddsPart(key), key).toBe(true);
  });

  it('a second field joined on adds a part', () => {
    for (const key of [
      'post_id:user_id',
      'post_id, user_id',
      '(post_id, liker_id)',
      'post id and liker id',
      'geohash cell (precision 5; Midtown at precision 6)',
    ])
      expect(keyAddsPart(key), key).toBe(true);
  });

  it('words are words, not letters inside another word', () => {
    // "brand" holds "and", "model" holds "mod", "subject" holds "sub": none of them joins or names a part
    for (const key of ['brand_id', 'model_id', 'subject id']) expect(keyAddsPart(key), key).toBe(false);
  });
});

describe('resolveSpec partitions', () => {
  const withKey = (key: string) =>
    resolveSpec({
      regions: ['us-east'],
      components: { db: { kind: 'database', partitions: { count: 8, key, hot_key_share: 0.25, hot_key_split: 16 } } },
    } as unknown as Spec).components.db!.partitions!;

  it('keeps the split of a key that adds a part, and ignores it (kept whole, 16 recorded) for one id in any spelling', () => {
    expect(withKey('post_id + bucket (0-15)')).toMatchObject({ hotKeySplit: 16 });
    expect(withKey('post_id + bucket (0-15)').splitIgnored).toBeUndefined();
    for (const key of ['post_id', 'post id', 'post-id', 'postId'])
      expect(withKey(key), key).toMatchObject({ hotKeySplit: 1, splitIgnored: 16 });
  });
});
