import { useCallback, useEffect, useState } from 'react';
import type { Channel, Member, Team } from '@rapport/contracts';
import { fetchChannels, fetchMembers, fetchTeams } from './conversations-api';

/** The workspace's people, teams and channels, for names, selects and mentions. */
export interface Directory {
  members: Member[];
  teams: Team[];
  channels: Channel[];
  /** Still loading: names show as they arrive. */
  isLoading: boolean;
  /** Why a part could not be loaded, if one could not. */
  error: unknown;
}

/** Loads the directory once for a page; each part that fails leaves its list empty and reports the error. */
export function useDirectory(): Directory & { memberName: (userId: string | null) => string | undefined } {
  const [directory, setDirectory] = useState<Directory>({ members: [], teams: [], channels: [], isLoading: true, error: null });

  useEffect(() => {
    let isCurrent = true;
    void Promise.allSettled([fetchMembers(), fetchTeams(), fetchChannels()]).then(([members, teams, channels]) => {
      if (!isCurrent) return;
      const failed = [members, teams, channels].find((result) => result.status === 'rejected');
      setDirectory({
        members: members.status === 'fulfilled' ? members.value : [],
        teams: teams.status === 'fulfilled' ? teams.value : [],
        channels: channels.status === 'fulfilled' ? channels.value : [],
        isLoading: false,
        error: failed?.status === 'rejected' ? failed.reason : null,
      });
    });
    return () => {
      isCurrent = false;
    };
  }, []);

  const { members } = directory;
  const memberName = useCallback(
    (userId: string | null) => (userId ? members.find((member) => member.userId === userId)?.name : undefined),
    [members],
  );
  return { ...directory, memberName };
}
