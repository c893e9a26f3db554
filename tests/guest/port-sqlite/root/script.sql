-- The SQLite port's fixed script: the same output is expected from the
-- host's sqlite3. Run on :memory: and on a file database in /tmp.
.headers off
.mode list
create table dept(id integer primary key, name text not null unique);
create table emp(id integer primary key, name text, dept integer references dept(id),
                 salary real, hired text);
create index emp_dept on emp(dept);
create index emp_salary on emp(salary desc);
begin;
insert into dept(name) values ('eng'), ('ops'), ('sales');
with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000)
insert into emp(name, dept, salary, hired)
select 'e' || i, 1 + i % 3, 1000 + (i * 37) % 5000, date('2020-01-01', '+' || i || ' days') from n;
commit;
-- a transaction rolled back leaves nothing
begin;
delete from emp where dept = 2;
select count(*) from emp;
rollback;
select count(*) from emp;
-- joins and aggregates
select d.name, count(*), sum(e.salary), round(avg(e.salary), 3), min(e.hired), max(e.hired)
  from emp e join dept d on d.id = e.dept group by d.name order by d.name;
select d.name, e.name, e.salary from dept d left join emp e on e.dept = d.id and e.salary > 5990
  order by d.name, e.name limit 10;
select dept, count(*) filter (where salary > 3000), total(salary) from emp group by dept having count(*) > 600;
-- window functions, subqueries, CTEs
select name, salary, rank() over (order by salary desc, id) from emp where dept = 3 order by 3 limit 5;
select count(*) from emp where salary > (select avg(salary) from emp);
with top(n, s) as (select name, salary from emp order by salary desc, id limit 3) select group_concat(n, '+') from top;
-- the index is used for an ordered, bounded scan
explain query plan select * from emp where dept = 2 order by salary;
-- strings, numbers, dates, NULLs, types
select upper('abc'), length('héllo'), substr('abcdef', 2, 3), replace('aaa', 'a', 'bb'), printf('%5.2f|%d|%s', 3.14159, 42, 'x');
select 7 / 2, 7 / 2.0, 7 % 3, -7 / 2, abs(-3), 1e308 * 10, typeof(1), typeof(1.5), typeof('x'), typeof(null), typeof(x'00');
select date('2024-02-28', '+1 day'), strftime('%Y-%j', '2023-12-31'), julianday('2000-01-01'), datetime(0, 'unixepoch');
select coalesce(null, 'a'), nullif(1, 1), ifnull(null, 2), null is null, null = null, 1 in (1, 2, null);
select cast('12abc' as integer), cast(3.9 as integer), cast(x'41' as text), quote('it''s'), hex('ab');
select json_object('a', 1, 'b', json_array(1, 2)), json_extract('{"x": {"y": [5, 6]}}', '$.x.y[1]');
-- updates, upserts, deletes, constraint errors
update emp set salary = salary * 2 where id <= 10;
insert into dept(name) values ('eng') on conflict(name) do nothing;
insert into dept(id, name) values (2, 'dup') on conflict(id) do update set name = name || '2';
select * from dept order by id;
delete from emp where id % 100 = 0;
select changes(), total_changes() > 0, count(*) from emp;
pragma integrity_check;
pragma foreign_key_check;
vacuum;
pragma integrity_check;
select count(*), sum(salary) from emp;
