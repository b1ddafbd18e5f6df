/** 论坛公告 (打印): a published forum's printable notice (`forums.notice`), previewed like a reception's. */
import { care } from '../../../behaviors/care';
import { noticePage } from '../common/notice';

noticePage('forums', { behaviors: [care] });
