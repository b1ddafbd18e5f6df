/** 论坛公告 (打印): a published forum's printable notice (`forums.notice`), previewed like a reception's. */
import { noticePage } from '../common/notice';

noticePage('forums');
