/* SPDX-License-Identifier: MIT */
/*
 * stdatomic.h: C11 atomics (ISO C 7.17) on GCC's __atomic builtins, in
 * place of newlib's, which declares _Atomic types as structs that GCC's
 * _Atomic objects are not (its atomic_flag functions do not compile).
 */
#ifndef _STDATOMIC_H_
#define _STDATOMIC_H_

#include <stddef.h>
#include <stdint.h>

typedef enum {
	memory_order_relaxed = __ATOMIC_RELAXED,
	memory_order_consume = __ATOMIC_CONSUME,
	memory_order_acquire = __ATOMIC_ACQUIRE,
	memory_order_release = __ATOMIC_RELEASE,
	memory_order_acq_rel = __ATOMIC_ACQ_REL,
	memory_order_seq_cst = __ATOMIC_SEQ_CST
} memory_order;

#define ATOMIC_BOOL_LOCK_FREE     __GCC_ATOMIC_BOOL_LOCK_FREE
#define ATOMIC_CHAR_LOCK_FREE     __GCC_ATOMIC_CHAR_LOCK_FREE
#define ATOMIC_CHAR16_T_LOCK_FREE __GCC_ATOMIC_CHAR16_T_LOCK_FREE
#define ATOMIC_CHAR32_T_LOCK_FREE __GCC_ATOMIC_CHAR32_T_LOCK_FREE
#define ATOMIC_WCHAR_T_LOCK_FREE  __GCC_ATOMIC_WCHAR_T_LOCK_FREE
#define ATOMIC_SHORT_LOCK_FREE    __GCC_ATOMIC_SHORT_LOCK_FREE
#define ATOMIC_INT_LOCK_FREE      __GCC_ATOMIC_INT_LOCK_FREE
#define ATOMIC_LONG_LOCK_FREE     __GCC_ATOMIC_LONG_LOCK_FREE
#define ATOMIC_LLONG_LOCK_FREE    __GCC_ATOMIC_LLONG_LOCK_FREE
#define ATOMIC_POINTER_LOCK_FREE  __GCC_ATOMIC_POINTER_LOCK_FREE

typedef _Atomic _Bool atomic_bool;
typedef _Atomic char atomic_char;
typedef _Atomic signed char atomic_schar;
typedef _Atomic unsigned char atomic_uchar;
typedef _Atomic short atomic_short;
typedef _Atomic unsigned short atomic_ushort;
typedef _Atomic int atomic_int;
typedef _Atomic unsigned int atomic_uint;
typedef _Atomic long atomic_long;
typedef _Atomic unsigned long atomic_ulong;
typedef _Atomic long long atomic_llong;
typedef _Atomic unsigned long long atomic_ullong;
typedef _Atomic __CHAR16_TYPE__ atomic_char16_t;
typedef _Atomic __CHAR32_TYPE__ atomic_char32_t;
typedef _Atomic __WCHAR_TYPE__ atomic_wchar_t;
typedef _Atomic int_least8_t atomic_int_least8_t;
typedef _Atomic uint_least8_t atomic_uint_least8_t;
typedef _Atomic int_least16_t atomic_int_least16_t;
typedef _Atomic uint_least16_t atomic_uint_least16_t;
typedef _Atomic int_least32_t atomic_int_least32_t;
typedef _Atomic uint_least32_t atomic_uint_least32_t;
typedef _Atomic int_least64_t atomic_int_least64_t;
typedef _Atomic uint_least64_t atomic_uint_least64_t;
typedef _Atomic int_fast8_t atomic_int_fast8_t;
typedef _Atomic uint_fast8_t atomic_uint_fast8_t;
typedef _Atomic int_fast16_t atomic_int_fast16_t;
typedef _Atomic uint_fast16_t atomic_uint_fast16_t;
typedef _Atomic int_fast32_t atomic_int_fast32_t;
typedef _Atomic uint_fast32_t atomic_uint_fast32_t;
typedef _Atomic int_fast64_t atomic_int_fast64_t;
typedef _Atomic uint_fast64_t atomic_uint_fast64_t;
typedef _Atomic intptr_t atomic_intptr_t;
typedef _Atomic uintptr_t atomic_uintptr_t;
typedef _Atomic size_t atomic_size_t;
typedef _Atomic ptrdiff_t atomic_ptrdiff_t;
typedef _Atomic intmax_t atomic_intmax_t;
typedef _Atomic uintmax_t atomic_uintmax_t;

#define ATOMIC_VAR_INIT(v)       (v)
#define atomic_init(obj, v)      __atomic_store_n((obj), (v), __ATOMIC_RELAXED)
#define kill_dependency(y)       (y)
#define atomic_is_lock_free(obj) __atomic_is_lock_free(sizeof(*(obj)), (obj))

#define atomic_thread_fence(o) __atomic_thread_fence(o)
#define atomic_signal_fence(o) __atomic_signal_fence(o)

#define atomic_store_explicit(obj, v, o)    __atomic_store_n((obj), (v), (o))
#define atomic_store(obj, v)                atomic_store_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_load_explicit(obj, o)        __atomic_load_n((obj), (o))
#define atomic_load(obj)                    atomic_load_explicit(obj, __ATOMIC_SEQ_CST)
#define atomic_exchange_explicit(obj, v, o) __atomic_exchange_n((obj), (v), (o))
#define atomic_exchange(obj, v)                                                \
	atomic_exchange_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_compare_exchange_strong_explicit(obj, exp, v, s, f)             \
	__atomic_compare_exchange_n((obj), (exp), (v), 0, (s), (f))
#define atomic_compare_exchange_strong(obj, exp, v)                            \
	atomic_compare_exchange_strong_explicit(obj, exp, v, __ATOMIC_SEQ_CST, \
						__ATOMIC_SEQ_CST)
#define atomic_compare_exchange_weak_explicit(obj, exp, v, s, f)               \
	__atomic_compare_exchange_n((obj), (exp), (v), 1, (s), (f))
#define atomic_compare_exchange_weak(obj, exp, v)                              \
	atomic_compare_exchange_weak_explicit(obj, exp, v, __ATOMIC_SEQ_CST,   \
					      __ATOMIC_SEQ_CST)
#define atomic_fetch_add_explicit(obj, v, o) __atomic_fetch_add((obj), (v), (o))
#define atomic_fetch_add(obj, v)                                               \
	atomic_fetch_add_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_sub_explicit(obj, v, o) __atomic_fetch_sub((obj), (v), (o))
#define atomic_fetch_sub(obj, v)                                               \
	atomic_fetch_sub_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_or_explicit(obj, v, o) __atomic_fetch_or((obj), (v), (o))
#define atomic_fetch_or(obj, v)                                                \
	atomic_fetch_or_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_xor_explicit(obj, v, o) __atomic_fetch_xor((obj), (v), (o))
#define atomic_fetch_xor(obj, v)                                               \
	atomic_fetch_xor_explicit(obj, v, __ATOMIC_SEQ_CST)
#define atomic_fetch_and_explicit(obj, v, o) __atomic_fetch_and((obj), (v), (o))
#define atomic_fetch_and(obj, v)                                               \
	atomic_fetch_and_explicit(obj, v, __ATOMIC_SEQ_CST)

typedef struct {
	unsigned char __flag;
} atomic_flag;
#define ATOMIC_FLAG_INIT                                                       \
	{                                                                      \
		0                                                              \
	}

static inline _Bool atomic_flag_test_and_set_explicit(volatile atomic_flag *f,
						      memory_order o)
{
	return __atomic_test_and_set(&f->__flag, (int)o);
}

static inline _Bool atomic_flag_test_and_set(volatile atomic_flag *f)
{
	return __atomic_test_and_set(&f->__flag, __ATOMIC_SEQ_CST);
}

static inline void atomic_flag_clear_explicit(volatile atomic_flag *f,
					      memory_order o)
{
	__atomic_clear(&f->__flag, (int)o);
}

static inline void atomic_flag_clear(volatile atomic_flag *f)
{
	__atomic_clear(&f->__flag, __ATOMIC_SEQ_CST);
}

#endif
