/* Batch norm + ReLU forward (training) and backward on oneDNN, batch 512. W1: ./bnorm 32 28, ./bnorm 64 14,
   ./bnorm 128 7. Layout: the engine's CNHW read as 1 x C x (N*H) x W nchw (statistics over N, H, W either way), or
   with a third argument `blocked` oneDNN's own nChw16c (channels a multiple of 16).
   Build: gcc -O2 bnorm.c -o bnorm -ldnnl; run with OMP_NUM_THREADS=1 or 2. */
#include <dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
#define CK(x) do{dnnl_status_t st_=(x); if(st_){printf("err %d at %s\n",st_,#x);exit(1);}}while(0)
int main(int argc,char**argv){
  int c=atoi(argv[1]),n=512,h=atoi(argv[2]),w=h;
  dnnl_engine_t eng; CK(dnnl_engine_create(&eng,dnnl_cpu,0)); dnnl_stream_t st; CK(dnnl_stream_create(&st,eng,dnnl_stream_default_flags));
  int blocked=argc>3&&argv[3][0]=='b';
  dnnl_memory_desc_t src; dnnl_dims_t plain={1,c,n*h,w},own={n,c,h,w};
  CK(dnnl_memory_desc_init_by_tag(&src,4,blocked?own:plain,dnnl_f32,blocked?dnnl_nChw16c:dnnl_nchw));
  unsigned flags=dnnl_use_scaleshift|dnnl_fuse_norm_relu;
  dnnl_batch_normalization_desc_t fd; CK(dnnl_batch_normalization_forward_desc_init(&fd,dnnl_forward_training,&src,1e-5f,flags));
  dnnl_primitive_desc_t pd; CK(dnnl_primitive_desc_create(&pd,&fd,NULL,eng,NULL));
  const char*impl; dnnl_primitive_desc_query(pd,dnnl_query_impl_info_str,0,&impl); printf("fwd impl %s\n",impl);
  dnnl_primitive_t p; CK(dnnl_primitive_create(&p,pd));
  long N=(long)c*n*h*w; float*X=malloc(4*N),*Y=malloc(4*N),*DX=malloc(4*N),*DY=malloc(4*N);
  for(long i=0;i<N;i++){X[i]=(rand()%1000)/500.f-1;DY[i]=(rand()%1000)/500.f-1;}
  dnnl_memory_t mx,my,mdx,mdy,mss,mdss,mmean,mvar,mws;
  CK(dnnl_memory_create(&mx,&src,eng,X));CK(dnnl_memory_create(&my,&src,eng,Y));CK(dnnl_memory_create(&mdx,&src,eng,DX));CK(dnnl_memory_create(&mdy,&src,eng,DY));
  CK(dnnl_memory_create(&mss,dnnl_primitive_desc_query_md(pd,dnnl_query_weights_md,0),eng,DNNL_MEMORY_ALLOCATE));
  CK(dnnl_memory_create(&mmean,dnnl_primitive_desc_query_md(pd,dnnl_query_dst_md,1),eng,DNNL_MEMORY_ALLOCATE));
  CK(dnnl_memory_create(&mvar,dnnl_primitive_desc_query_md(pd,dnnl_query_dst_md,2),eng,DNNL_MEMORY_ALLOCATE));
  CK(dnnl_memory_create(&mws,dnnl_primitive_desc_query_md(pd,dnnl_query_workspace_md,0),eng,DNNL_MEMORY_ALLOCATE));
  dnnl_exec_arg_t a[6]={{DNNL_ARG_SRC,mx},{DNNL_ARG_DST,my},{DNNL_ARG_SCALE_SHIFT,mss},{DNNL_ARG_MEAN,mmean},{DNNL_ARG_VARIANCE,mvar},{DNNL_ARG_WORKSPACE,mws}};
  dnnl_batch_normalization_desc_t bd; CK(dnnl_batch_normalization_backward_desc_init(&bd,dnnl_backward,&src,&src,1e-5f,flags));
  dnnl_primitive_desc_t bpd; CK(dnnl_primitive_desc_create(&bpd,&bd,NULL,eng,pd)); dnnl_primitive_desc_query(bpd,dnnl_query_impl_info_str,0,&impl); printf("bwd impl %s\n",impl);
  dnnl_primitive_t bp; CK(dnnl_primitive_create(&bp,bpd));
  CK(dnnl_memory_create(&mdss,dnnl_primitive_desc_query_md(bpd,dnnl_query_diff_weights_md,0),eng,DNNL_MEMORY_ALLOCATE));
  dnnl_exec_arg_t b[9]={{DNNL_ARG_SRC,mx},{DNNL_ARG_DIFF_DST,mdy},{DNNL_ARG_SCALE_SHIFT,mss},{DNNL_ARG_MEAN,mmean},{DNNL_ARG_VARIANCE,mvar},{DNNL_ARG_WORKSPACE,mws},{DNNL_ARG_DIFF_SRC,mdx},{DNNL_ARG_DIFF_SCALE_SHIFT,mdss}};
  for(int r=0;r<3;r++){double t0=now(); for(int i=0;i<10;i++)CK(dnnl_primitive_execute(p,st,6,a)); dnnl_stream_wait(st); double t1=now();
    for(int i=0;i<10;i++)CK(dnnl_primitive_execute(bp,st,8,b)); dnnl_stream_wait(st); double t2=now();
    printf("c %d %dx%d fwd %.2f ms bwd %.2f ms\n",c,h,w,(t1-t0)/10e-3,(t2-t1)/10e-3);}
}
